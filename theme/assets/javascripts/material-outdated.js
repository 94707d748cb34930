/* Material for MkDocs 9.8.2, partials/javascripts/outdated.html, moved out of the page for the
 * Content Security Policy: shows the outdated-version banner. The base comes from data-md-base. */
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(document.currentScript.getAttribute("data-md-base")),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
