/* The search page: the form, its state in the address, the hits as cards, suggestions. */

function readState(search) {
  var params = new URLSearchParams(search);
  var state = {};
  PARAMS.forEach(function (p) {
    state[p] = p === "q" ? (params.get("q") || "") : params.getAll(p).filter(function (v) { return v !== ""; });
  });
  return state;
}

function stateQuery(state) {
  var params = new URLSearchParams();
  PARAMS.forEach(function (p) {
    if (p === "q") { if (state.q) params.set("q", state.q); }
    else state[p].forEach(function (v) { params.append(p, v); });
  });
  var text = params.toString();
  return text ? "?" + text : "";
}

function el(tag, attrs, text) {
  var node = document.createElement(tag);
  for (var key in attrs) node.setAttribute(key, attrs[key]);
  if (text !== undefined) node.textContent = text;
  return node;
}

function Page(index, root, form) {
  this.index = index;
  this.root = root;
  this.form = form;
  this.results = document.querySelector("[data-search-results]");
  this.status = document.querySelector("[data-search-status]");
  this.more = document.querySelector("[data-search-more]");
  this.help = document.querySelector("[data-search-help]");
  this.suggest = document.querySelector("[data-search-suggest]");
  this.generation = 0;
  this.shown = 0;
  this.found = { docs: [], total: 0 };
  this.pinned = {};
  this.prepared = null; // {address, found}: the search start() began for the page's own address
  this.activeBox = document.querySelector("[data-search-active]");
  this.title = document.querySelector("[data-search-title]");
  this.summaryText = "";
}

Page.prototype.state = function () {
  var data = new FormData(this.form);
  var state = {};
  PARAMS.forEach(function (p) {
    state[p] = p === "q" ? String(data.get("q") || "") : data.getAll(p).map(String).filter(function (v) { return v; });
  });
  return state;
};

/* Show a state in the form. Values the form cannot show (a repeated parameter, status=all or
   ended from a deep link) are pinned and kept until the reader changes that control. */
Page.prototype.fill = function (state) {
  var form = this.form;
  var pinned = {};
  form.elements.q.value = state.q;
  var self = this;
  ["region", "schedule", "mode", "level", "group", "type"].forEach(function (p) {
    var field = form.elements[p];
    if (field) field.value = state[p][0] || "";
    if (field && state[p].length === 1 && field.value !== state[p][0]) {
      // A value the list does not offer (an old link, a typo in a menu): shown as it is, so
      // the reader sees what narrows the search and can change it.
      field.appendChild(el("option", { value: state[p][0] }, self.valueLabel(p, state[p][0])));
      field.value = state[p][0];
    }
    if (state[p].length > 1) pinned[p] = state[p];
  });
  ["status", "free"].forEach(function (p) {
    var box = form.elements[p];
    if (box) box.checked = state[p].indexOf(box.value) >= 0;
    if (state[p].length && !(state[p].length === 1 && box && state[p][0] === box.value)) pinned[p] = state[p];
  });
  this.pinned = pinned;
  // A deep link's filters stay folded away (on a phone the open panel fills the first screen):
  // they show as a line of chips above the hits, each with 去掉 (see active()).
};

/* The filters in force, as chips that each take one away; the title names what is searched. */
Page.prototype.active = function (state) {
  var box = this.activeBox, self = this;
  var kinds = state.type.length === 1 && FILTERS.types[state.type[0]] ? FILTERS.types[state.type[0]] : null;
  var title = "搜索" + (kinds || FILTERS.types.project);
  if (this.title && this.title.textContent !== title) {
    document.title = document.title.replace(this.title.textContent, title);
    this.title.textContent = title;
  }
  var chosen = PARAMS.filter(function (p) { return p !== "q" && state[p].length; });
  var summary = this.form.querySelector("[data-search-filters] summary");
  if (summary) {
    if (!this.summaryText) this.summaryText = summary.textContent;
    summary.textContent = chosen.length ? "筛选（已选 " + chosen.length + " 项）" : this.summaryText;
  }
  if (!box) return;
  box.textContent = "";
  box.hidden = !chosen.length;
  chosen.forEach(function (p) {
    var shown = state[p].map(function (v) { return self.valueLabel(p, v); }).join("、");
    var chip = el("button", { type: "button", "class": "sm-chip", "aria-label": "去掉筛选条件“" + FILTERS.labels[p] + "：" + shown + "”" });
    chip.appendChild(el("span", {}, FILTERS.labels[p] + "：" + shown));
    chip.appendChild(el("span", { "class": "sm-chip__x", "aria-hidden": "true" }, "去掉 ×"));
    chip.addEventListener("click", function () {
      var without = self.state();
      for (var q in self.pinned) without[q] = self.pinned[q];
      without[p] = [];
      self.fill(without);
      self.run();
    });
    box.appendChild(chip);
  });
};


/* A filter value as the reader knows it: a region's name, a choice's own text. */
Page.prototype.valueLabel = function (param, value) {
  if (param === "region") return this.index.regions[value] ? this.index.regions[value].name : value;
  if (param === "status") return FILTERS.status[value] || value;
  if (param === "free") return FILTERS.free;
  if (param === "type") return FILTERS.types[value] || value;
  var field = this.form.elements[param];
  if (field && field.options) {
    for (var i = 0; i < field.options.length; i++) if (field.options[i].value === value) return field.options[i].textContent;
  }
  return value;
};

Page.prototype.run = function () {
  var self = this;
  var state = this.state();
  for (var p in this.pinned) state[p] = this.pinned[p];
  var generation = ++this.generation;
  var began = performance.now();
  // The address keeps the state (a link to share, the back button); written once the hits
  // are on the page: on a slow phone replaceState costs as much as ranking.
  var address = location.pathname + stateQuery(state);
  this.active(state);
  var remember = function () { if (generation === self.generation) history.replaceState(null, "", address); };
  this.results.setAttribute("data-state", "loading");
  if (!wanted(state)) {
    this.results.textContent = "";
    this.status.textContent = "输入职业、地名或机构名称，也可以只选筛选条件。";
    this.more.hidden = true;
    this.help.hidden = true;
    this.results.setAttribute("data-query", "");
    this.results.setAttribute("data-state", "done");
    remember();
    return Promise.resolve();
  }
  return this.foundFor(state).then(function (found) {
    if (generation !== self.generation) return;
    self.found = found;
    self.shown = 0;
    self.results.textContent = "";
    return self.page(generation).then(function () {
      if (generation !== self.generation) return;
      self.summary(state, found);
      self.results.setAttribute("data-query", state.q);
      self.results.setAttribute("data-state", "done");
      timings.push(performance.now() - began);
      remember();
    });
  }).catch(function (error) {
    if (generation !== self.generation) return;
    self.status.textContent = "搜索暂时不可用（网络不畅？），请稍后再试，或按地区、按上课时间浏览。";
    self.results.setAttribute("data-state", "error");
    remember();
    if (window.console) console.error(error);
  });
};

/* The hits of a state: the prepared search's (started while the page was parsed), once, when
   the form asks for the same state; otherwise a search of its own. */
Page.prototype.foundFor = function (state) {
  var prepared = this.prepared;
  this.prepared = null;
  if (prepared && prepared.address === stateQuery(state)) return prepared.found;
  return this.index.find(state);
};

/* The next page of hits. A prepared search holds only the first page: "more" searches the index
   for the rest (the same ranking, so the first page stays as it was). */
Page.prototype.page = function (generation) {
  var self = this;
  var found = this.found;
  var all = !found.partial || this.shown + PAGE <= found.docs.length ? Promise.resolve(found)
    : this.index.search(found.state).then(function (full) {
      if (generation === self.generation) self.found = full;
      return full;
    });
  return all.then(function (found) {
    var docs = found.docs.slice(self.shown, self.shown + PAGE);
    return self.index.rows(docs);
  }).then(function (rows) {
    if (generation !== self.generation) return;
    var holder = document.createElement("template");
    holder.innerHTML = rows.map(function (row) { return self.card(row); }).join("");
    self.results.appendChild(holder.content);
    self.shown += rows.length;
    self.more.hidden = self.shown >= self.found.total;
  });
};

var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
function esc(text) {
  return String(text).replace(/[&<>"]/g, function (c) { return ESCAPES[c]; });
}

/* A hit as HTML: one string per page of hits, parsed once (cheaper on a slow phone than
   building each node in script). */
Page.prototype.card = function (row) {
  var type = row[0], id = row[1];
  // A project's hooks (SPEC §5): its status, what the trainee pays up front, the groups it serves.
  var groups = type === "project" ? this.groupValues(row[10]) : "";
  var dates = type === "project" ? isoDates(row[11]) : "";
  var hook = row[7], badge = type === "project" ? row[7] : "other", label = row[8];
  // Read on a later day than the build's: the status as of the device's day, in the words and by
  // the rule of the page's inline status script (window.skillmapStatus), written into the card at
  // once rather than corrected in the page afterwards (a keystroke's work on a slow phone).
  var now = window.skillmapStatus;
  if (type === "project" && now && now.today > this.index.m.today) {
    var parts = dates.split("|");
    badge = now.phase(parts, now.today);
    hook = badge === "running" ? "closed" : badge;
    label = now.text(parts, now.today);
  }
  var status = type === "project" ?
    ' data-status="' + esc(hook) + '" data-dates="' + esc(dates) + '" data-pay="' + esc(row[9]) +
    '" data-groups="' + esc(groups) + '"' : "";
  var href = this.root + this.index.recordUrl(type, id);
  var meta = [row[5], this.index.placeLabel(row[3])].filter(Boolean).join(" · ");
  var facts = [row[4], row[6]].filter(Boolean).map(function (t) { return "<span>" + esc(t) + "</span>"; }).join("");
  return '<li class="sm-card" data-entry-id="' + esc(id) + '" data-entry-type="' + esc(type) + '"' + status + ">" +
    '<a class="sm-card__title" href="' + esc(href) + '">' + esc(row[2]) + "</a>" +
    '<div class="sm-card__meta"><span class="sm-badge sm-badge--' + esc(badge) + '">' +
    esc(label) + "</span> " + esc(meta) + "</div>" +
    (groups ? '<div class="sm-card__for">面向：' + esc(this.groupWords(groups)) + "</div>" : "") +
    '<div class="sm-card__facts">' + facts + "</div></li>";
};

/* A hit's dates, as days since 1970 in the index, written as the pages write them (ISO). */
function isoDates(days) {
  return String(days).split("|").map(function (d) { return new Date(d * 864e5).toISOString().slice(0, 10); }).join("|");
}

/* A hit's groups as data-groups writes them: the index carries their numbers in the manifest's
   `groups` (documents.group_numbers); a value outside that list travels as itself. */
Page.prototype.groupValues = function (numbers) {
  var names = this.index.m.groups || [];
  return String(numbers || "").split("|").filter(Boolean).map(function (n) {
    return /^[0-9]+$/.test(n) && names[+n] !== undefined ? names[+n] : n;
  }).join("|");
};

/* 面向 in people's words (course_facts.GROUP_WORDS, via the manifest), from the hit's groups. */
Page.prototype.groupWords = function (groups) {
  var words = this.index.m.groupWords || {};
  return groups.split("|").map(function (g) { return words[g] || g; }).join("、");
};

Page.prototype.summary = function (state, found) {
  var count = found.total;
  this.help.textContent = "";
  this.help.hidden = count > 0 && !found.endedOnly;
  if (count) {
    this.status.textContent = "找到 " + count + " 条" + (found.endedOnly ? "（都已结束）" : "") + (count > PAGE ? "，先显示 " + Math.min(this.shown, count) + " 条" : "") + "。";
    if (found.endedOnly) this.help.appendChild(el("p", {}, "没有正在开展的项目符合条件，下面是已结束的项目，可以咨询下一期。"));
    return;
  }
  this.status.textContent = "没有找到符合条件的结果。";
  var help = this.help;
  var self = this;
  var tips = el("ul");
  var filters = ["region", "schedule", "mode", "level", "group", "status", "free", "type"].filter(function (p) { return state[p].length; });
  if (filters.length && state.q) {
    var plain = { q: state.q };
    PARAMS.forEach(function (p) { if (p !== "q") plain[p] = []; });
    tips.appendChild(this.tip("去掉筛选条件，只搜“" + state.q + "”", plain));
  }
  // Each filter on its own, when taking one away is not the tip above.
  if (filters.length > 1 || (filters.length && !state.q)) {
    filters.forEach(function (p) {
      var without = JSON.parse(JSON.stringify(state));
      without[p] = [];
      var shown = state[p].map(function (v) { return self.valueLabel(p, v); }).join("、");
      tips.appendChild(self.tip("去掉“" + FILTERS.labels[p] + "：" + shown + "”", without));
    });
  }
  state.region.forEach(function (code) {
    var region = self.index.regions[code];
    var parent = region && self.index.regions[region.parent];
    if (parent) {
      var wider = JSON.parse(JSON.stringify(state));
      wider.region = [parent.code];
      tips.appendChild(self.tip("扩大到整个" + parent.name, wider));
    }
  });
  if (state.q) tips.appendChild(el("li", {}, "换个说法试试：职业名称（如“焊工”）、常用叫法（如“电焊”）、拼音或首字母（如 hhht）。"));
  help.appendChild(tips);
  if (state.q) {
    var generation = this.generation;
    this.index.corrections(state.q).then(function (entries) {
      if (generation !== self.generation || !entries.length) return;
      var line = el("p", { "class": "sm-suggest" }, "您是不是要找：");
      entries.forEach(function (entry) {
        var button = el("button", { type: "button", "class": "sm-suggest__item" }, entry[2]);
        button.addEventListener("click", function () { self.apply(entry); });
        line.appendChild(button);
      });
      help.insertBefore(line, help.firstChild);
    }).catch(function () { /* no correction offline: the other tips stand */ });
  }
  var browse = el("p", {}, "也可以");
  browse.appendChild(el("a", { href: this.root + this.index.m.pages.map }, "按地区浏览"));
  var hotline = this.index.m.hotline;
  if (hotline) {
    browse.appendChild(document.createTextNode("，或拨打 "));
    browse.appendChild(el("a", { href: "tel:" + hotline }, hotline));
    browse.appendChild(document.createTextNode(" 咨询。"));
  } else browse.appendChild(document.createTextNode("。"));
  help.appendChild(browse);
};

/* A suggestion applies itself: a place becomes the region filter, an occupation the query. */
Page.prototype.apply = function (entry) {
  var state = this.state();
  if (entry[0] === "region") {
    state.region = [entry[1]];
    state.q = "";
  } else {
    state.q = entry[1];
  }
  this.fill(state);
  this.run();
};

/* Suggestions while typing: places and occupations from the names file (applied as a filter
   or a query), then institutions whose name holds what was typed, taken from the hits already
   found (a link to the institution's page, which lists its courses). */
Page.prototype.showSuggestions = function (query) {
  var self = this;
  var box = this.suggest;
  if (!box) return;
  var found = this.found;
  Promise.all([this.index.suggestions(query), this.index.institutions(query.trim() ? found : null, 2)]).then(function (both) {
    if (self.form.elements.q.value !== query) return;
    var entries = both[0], institutions = both[1].slice(0, Math.max(1, 4 - entries.length)); // four at most: results stay on the first screen
    box.textContent = "";
    box.hidden = !entries.length && !institutions.length;
    if (box.hidden) return;
    box.appendChild(el("span", { "class": "sm-suggest__label" }, "你可能要找："));
    entries.forEach(function (entry) {
      var button = el("button", { type: "button", "class": "sm-suggest__item" },
        (entry[0] === "region" ? "地区 " : "职业 ") + entry[2]);
      button.addEventListener("click", function () { box.hidden = true; self.apply(entry); });
      box.appendChild(button);
    });
    institutions.forEach(function (row) {
      box.appendChild(el("a", { "class": "sm-suggest__item", href: self.root + self.index.recordUrl("institution", row[1]) }, "机构 " + row[2]));
    });
  }).catch(function () { box.hidden = true; });
};

Page.prototype.tip = function (text, state) {
  var li = el("li");
  var self = this;
  var link = el("a", { href: location.pathname + stateQuery(state) }, text);
  link.addEventListener("click", function (event) {
    event.preventDefault();
    self.fill(state);
    self.run();
  });
  li.appendChild(link);
  return li;
};

function wanted(state) {
  return !!state.q.trim() || PARAMS.some(function (p) { return p !== "q" && state[p].length; });
}

/* Runs as soon as the script arrives (async, above the form): a prepared search (a menu
   item's or a list's link) starts fetching its files while the page is still being parsed and
   laid out; the form is wired once it exists, and its first run finds those files fetched. */
