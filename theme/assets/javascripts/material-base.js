/* Material for MkDocs 9.8.2, partials/javascripts/base.html, moved out of the page so the
 * Content Security Policy needs no inline script. Only the scope differs: Material writes
 * it into the script; here it comes from the data-md-scope attribute of the script tag. */
var __md_scope=new URL(document.currentScript.getAttribute("data-md-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
