/* Search page (/tim-kiem/): queries the static index under search/ (see
 * site_builder/search/). No framework, no third-party host. The steps mirror
 * site_builder/search/query.py one for one; tests run both on the same index.
 */
(function () {
  "use strict";

  var TONES = { "\u0300": "f", "\u0301": "s", "\u0303": "x", "\u0309": "r", "\u0323": "j" };
  var WEIGHTS = [1, 2, 4, 8]; // by field class: summary, place, detail, name
  var PREFIX_PARTS = 2;
  var PAGE = 20;
  var AFTER_KEYS = "{"; // sorts after every key character [a-z0-9]
  var WORD = /[\p{L}\p{N}]+/gu;
  var MARK = /\p{M}/gu;

  // --- Words: the same two forms as site_builder/search/tokens.py ---------

  function foldWord(word) {
    return word.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(MARK, "").replace(/[^a-z0-9]+/g, "");
  }

  function exactWord(word) {
    var tone = "";
    var letters = "";
    var chars = Array.from(word.toLowerCase().normalize("NFD"));
    for (var i = 0; i < chars.length; i++) {
      if (Object.prototype.hasOwnProperty.call(TONES, chars[i])) tone = TONES[chars[i]];
      else letters += chars[i];
    }
    return letters.normalize("NFC") + tone;
  }

  function tokenise(text) {
    var words = (text || "").normalize("NFC").match(WORD) || [];
    var tokens = [];
    var seen = {};
    words.forEach(function (word) {
      var key = foldWord(word);
      if (key && !seen[key]) {
        seen[key] = true;
        tokens.push({ key: key, exact: exactWord(word) });
      }
    });
    return tokens;
  }

  /* Not on the first letters: a one-letter word would fetch a part for nothing. */
  function worthSearchingWhileTyping(text) {
    var words = tokenise(text);
    return words.length > 0 && (words[words.length - 1].key.length >= 2 || /\s$/.test(text));
  }

  // --- The index: fetched piece by piece, each piece once -----------------

  function Index(root, version) {
    this.root = root;
    this.version = version;
    this.cache = new Map();
  }

  Index.prototype.get = function (path) {
    if (!this.cache.has(path)) {
      var url = this.root + path + "?v=" + encodeURIComponent(this.version);
      this.cache.set(path, fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (response.status === 404) return null;
        if (!response.ok) throw new Error("HTTP " + response.status + " " + url);
        return response.json();
      }));
    }
    return this.cache.get(path);
  };

  function bisectRight(firsts, key) {
    var low = 0, high = firsts.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (key < firsts[middle]) high = middle; else low = middle + 1;
    }
    return low;
  }

  function bisectLeft(firsts, key) {
    var low = 0, high = firsts.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (firsts[middle] < key) low = middle + 1; else high = middle;
    }
    return low;
  }

  function partFor(firsts, key) {
    return Math.max(0, bisectRight(firsts, key) - 1);
  }

  function chosenParts(firsts, key, prefix) {
    var start = partFor(firsts, key);
    if (prefix) {
      var end = Math.max(start + 1, bisectLeft(firsts, key + AFTER_KEYS));
      if (end - start <= PREFIX_PARTS) return { parts: range(start, end), prefix: true };
    }
    return { parts: [start], prefix: false };
  }

  function range(start, end) {
    var numbers = [];
    for (var n = start; n < end; n++) numbers.push(n);
    return numbers;
  }

  function decodeIds(gaps) {
    var ids = [];
    var number = -1;
    (gaps || []).forEach(function (gap) { number += gap + 1; ids.push(number); });
    return ids;
  }

  function better(a, b) {
    return !b || a[0] > b[0] || (a[0] === b[0] && a[1] && !b[1]);
  }

  function decode(variants, word, factor, found) {
    variants.forEach(function (variant) {
      var exact = variant[0] === word.exact;
      var number = -1;
      variant[1].forEach(function (code) {
        number += Math.floor(code / 4) + 1;
        var candidate = [WEIGHTS[code % 4] * factor, exact];
        if (better(candidate, found.get(number))) found.set(number, candidate);
      });
    });
  }

  function postings(index, manifest, word, prefix) {
    var firsts = manifest.parts.map(function (part) { return part[0]; });
    var chosen = chosenParts(firsts, word.key, prefix);
    return Promise.all(chosen.parts.map(function (n) {
      return index.get("t/" + manifest.parts[n][1] + ".json");
    })).then(function (loaded) {
      var found = new Map();
      loaded.forEach(function (part) {
        Object.keys(part || {}).forEach(function (key) {
          if (key === word.key || (chosen.prefix && key.indexOf(word.key) === 0)) {
            decode(part[key], word, key === word.key ? 2 : 1, found);
          }
        });
      });
      return found;
    });
  }

  function allowedIds(index, manifest, filters) {
    var sets = [];
    [["type", 0], ["kind", 1]].forEach(function (pair) {
      var wanted = filters[pair[0]];
      if (!wanted) return;
      var ids = new Set();
      manifest.ranges.forEach(function (entry) {
        if (entry[pair[1]] === wanted) range(entry[2], entry[3]).forEach(function (n) { ids.add(n); });
      });
      sets.push(Promise.resolve(ids));
    });
    Object.keys(filters).sort().forEach(function (facet) {
      if (facet === "type" || facet === "kind" || !filters[facet]) return;
      var path = "f/" + facet + "/" + filters[facet] + ".json";
      sets.push(index.get(path).then(function (gaps) { return new Set(decodeIds(gaps)); }));
    });
    return Promise.all(sets).then(function (loaded) {
      if (!loaded.length) return null; // no filter: everything
      return loaded.reduce(function (a, b) {
        return new Set(Array.from(a).filter(function (n) { return b.has(n); }));
      });
    });
  }

  function rank(a, b) {
    return (b.matched - a.matched) || (b.exact - a.exact) || (b.phrases - a.phrases) ||
      (b.score - a.score) || (a.id - b.id);
  }

  /* Neighbouring query words joined, as the index joins them in names, units, awards and places. */
  function pairs(words) {
    var joined = [];
    for (var i = 0; i + 1 < words.length; i++) {
      joined.push({ key: words[i].key + words[i + 1].key, exact: words[i].exact + words[i + 1].exact });
    }
    return joined;
  }

  /* Run a query: resolves to {manifest, hits (ranked), allWords}. */
  function search(index, query, filters, typing) {
    return index.get("manifest.json").then(function (manifest) {
      var words = tokenise(query);
      var marked = words.some(function (word) { return word.exact !== word.key; });
      return allowedIds(index, manifest, filters).then(function (allowed) {
        if (!words.length) {
          var only = allowed ? Array.from(allowed).sort(function (a, b) { return a - b; }) : [];
          return { manifest: manifest, hits: only.map(function (n) { return { id: n }; }), allWords: true };
        }
        return Promise.all(words.map(function (word, position) {
          return postings(index, manifest, word, typing && position === words.length - 1);
        })).then(function (perWord) {
          var hits = new Map();
          perWord.forEach(function (found) {
            found.forEach(function (value, number) {
              if (allowed && !allowed.has(number)) return;
              var hit = hits.get(number) || { id: number, matched: 0, exact: 0, phrases: 0, score: 0 };
              hit.matched += 1;
              hit.exact += value[1] && marked ? 1 : 0;
              hit.score += value[0];
              hits.set(number, hit);
            });
          });
          return Promise.all(pairs(words).map(function (pair) {
            return postings(index, manifest, pair, false);
          })).then(function (perPair) {
            perPair.forEach(function (found) {
              found.forEach(function (value, number) {
                var hit = hits.get(number);
                if (hit) { hit.phrases += 1; hit.score += value[0]; }
              });
            });
            var all = Array.from(hits.values());
            var complete = all.filter(function (hit) { return hit.matched === words.length; });
            var ranked = (complete.length ? complete : all).sort(rank);
            return { manifest: manifest, hits: ranked, allWords: complete.length > 0 || !all.length };
          });
        });
      });
    });
  }

  function metadata(index, manifest, hits) {
    var chunk = manifest.chunk;
    return Promise.all(hits.map(function (hit) {
      return index.get("d/" + Math.floor(hit.id / chunk) + ".json").then(function (docs) {
        return docs[hit.id % chunk];
      });
    }));
  }

  function describe(manifest, id) {
    var found = manifest.ranges.filter(function (entry) { return id >= entry[2] && id < entry[3]; })[0];
    return found ? { type: found[0], kind: found[1] } : { type: "", kind: "" };
  }

  // --- The page ------------------------------------------------------------

  function optionLabels(select) {
    var labels = {};
    if (select) Array.from(select.options).forEach(function (option) { labels[option.value] = option.text; });
    return labels;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function SearchPage(form) {
    this.form = form;
    this.input = form.querySelector("[name=q]");
    this.status = document.getElementById("sb-search-status");
    this.list = document.getElementById("sb-search-results");
    this.more = document.getElementById("sb-search-more");
    this.index = new Index(new URL(form.getAttribute("data-search-index"), document.baseURI).href,
                           form.getAttribute("data-search-version") || "");
    this.siteRoot = new URL(form.getAttribute("data-site-root") || "./", document.baseURI).href;
    this.typeLabels = optionLabels(form.querySelector("[name=muc]"));
    this.kindLabels = optionLabels(form.querySelector("[name=loai]"));
    this.serial = 0;
    this.timer = null;
  }

  SearchPage.prototype.filters = function () {
    var filters = {};
    Array.from(this.form.querySelectorAll("select")).forEach(function (select) {
      var key = { muc: "type", loai: "kind" }[select.name] || select.name;
      if (select.value) filters[key] = select.value;
    });
    return filters;
  };

  SearchPage.prototype.start = function () {
    var page = this;
    var params = new URLSearchParams(window.location.search);
    params.forEach(function (value, name) {
      var field = page.form.elements[name];
      if (field) field.value = value;
    });
    var more = this.form.querySelector("details");
    if (more && Object.keys(this.filters()).length) more.open = true;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      page.updateAddress();
      page.run(false);
    });
    this.form.addEventListener("change", function () { page.updateAddress(); page.run(false); });
    this.input.addEventListener("input", function () {
      window.clearTimeout(page.timer);
      if (!worthSearchingWhileTyping(page.input.value)) return;
      page.timer = window.setTimeout(function () { page.run(true); }, 250);
    });
    this.more.addEventListener("click", function () { page.showMore(); });
    this.form.setAttribute("data-search-ready", "");
    if (this.input.value || Object.keys(this.filters()).length) this.run(false);
  };

  SearchPage.prototype.updateAddress = function () {
    var params = new URLSearchParams();
    Array.from(this.form.elements).forEach(function (field) {
      if (field.name && field.value) params.set(field.name, field.value);
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  };

  SearchPage.prototype.run = function (typing) {
    var page = this;
    var serial = ++this.serial;
    var query = this.input.value.trim();
    var filters = this.filters();
    if (!query && !Object.keys(filters).length) {
      this.list.replaceChildren();
      this.more.hidden = true;
      this.status.textContent = "";
      return Promise.resolve();
    }
    this.form.setAttribute("aria-busy", "true");
    return search(this.index, query, filters, typing).then(function (result) {
      if (serial !== page.serial) return;
      page.result = result;
      page.shown = 0;
      page.list.replaceChildren();
      return page.showMore().then(function () {
        if (serial === page.serial) page.announce(query, result);
      });
    }).catch(function (error) {
      if (serial !== page.serial) return;
      page.status.textContent = "Không tải được dữ liệu tìm kiếm. Vui lòng thử lại.";
      if (window.console) window.console.error(error);
    }).finally(function () {
      if (serial === page.serial) page.form.removeAttribute("aria-busy");
    });
  };

  SearchPage.prototype.showMore = function () {
    var page = this;
    var result = this.result;
    var hits = result.hits.slice(this.shown, this.shown + PAGE);
    return metadata(this.index, result.manifest, hits).then(function (docs) {
      docs.forEach(function (doc, i) { page.list.appendChild(page.render(result.manifest, hits[i].id, doc)); });
      page.shown += hits.length;
      page.more.hidden = page.shown >= result.hits.length;
    });
  };

  SearchPage.prototype.render = function (manifest, id, doc) {
    var about = describe(manifest, id);
    var item = element("li", "sb-result sb-result--" + about.type);
    var eyebrow = [this.typeLabels[about.type], this.kindLabels[about.kind]].filter(Boolean).join(" · ");
    item.appendChild(element("p", "sb-result__type", eyebrow));
    var title = element("h2", "sb-result__title");
    var link = element("a", "", doc.n);
    link.href = new URL(doc.u, this.siteRoot).href;
    title.appendChild(link);
    item.appendChild(title);
    var meta = [doc.r, doc.p].filter(Boolean).join(" · ");
    if (meta) item.appendChild(element("p", "sb-result__meta", meta));
    if (doc.a) item.appendChild(element("p", "sb-result__award", doc.a));
    if (doc.b) item.appendChild(element("p", "sb-result__meta", doc.b));
    return item;
  };

  SearchPage.prototype.announce = function (query, result) {
    var total = result.hits.length;
    var what = query ? " cho “" + query + "”" : "";
    if (!total) this.status.textContent = "Không tìm thấy kết quả nào" + what + ".";
    else if (!result.allWords) this.status.textContent = "Không có kết quả chứa đủ các từ" + what + "; " + total + " kết quả chứa một phần.";
    else this.status.textContent = "Tìm thấy " + total + " kết quả" + what + ".";
  };

  function init() {
    var form = document.getElementById("sb-search-form");
    if (form && !form.hasAttribute("data-search-ready")) new SearchPage(form).start();
  }

  // Exposed for tests and for the header's search box to reuse.
  window.sbSearch = { foldWord: foldWord, exactWord: exactWord, tokenise: tokenise, Index: Index, search: search,
                      worthSearchingWhileTyping: worthSearchingWhileTyping };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
