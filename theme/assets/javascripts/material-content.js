/* Material for MkDocs 9.8.2, partials/javascripts/content.html, moved out of the page for the
 * Content Security Policy: opens the content tab that the address's #fragment names. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"));
