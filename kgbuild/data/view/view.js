/* kgbuild graph view.  Text from the graph reaches the DOM only through
   textContent / createTextNode (never as markup), so a name or sentence holding
   markup is shown as that markup, never run. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var styles = {};
  data.classes.forEach(function (c) { styles[c.name] = c; });
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var container = document.getElementById("kg-network");
  var status = document.getElementById("kg-status");

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function shorten(text, max) {
    text = String(text);
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  /* A long name on two lines of about ``width`` characters (labels are drawn side by side). */
  function wrap(text, width) {
    text = shorten(text, 2 * width);
    if (text.length <= width) return text;
    var cut = text.lastIndexOf(" ", width);
    if (cut < width / 2) cut = text.indexOf(" ", width);
    return cut > 0 ? text.slice(0, cut) + "\n" + text.slice(cut + 1) : text;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  /* A sentence with its mention marked: text nodes and one <mark>, all as text. */
  function sentenceWithMention(sentence, mention) {
    var span = el("span");
    var at = mention ? sentence.indexOf(mention) : -1;
    if (at < 0) {
      span.appendChild(document.createTextNode(sentence || mention));
      return span;
    }
    span.appendChild(document.createTextNode(sentence.slice(0, at)));
    span.appendChild(el("mark", null, mention));
    span.appendChild(document.createTextNode(sentence.slice(at + mention.length)));
    return span;
  }

  function evidenceList(item, card) {
    if (!data.provenance || !item.evidence) return;
    var counts = plural(item.mentions, "mention") + " in " + plural(item.documents, "document");
    card.appendChild(el("h3", null, "Evidence · " + counts));
    if (!item.evidence.length) return;
    var list = el("ol");
    item.evidence.forEach(function (ev) {
      var li = el("li");
      li.appendChild(document.createTextNode("“"));
      li.appendChild(sentenceWithMention(ev.sentence, ev.mention));
      li.appendChild(document.createTextNode("” "));
      var src = "— " + ev.document;
      if (ev.confidence !== null && ev.confidence !== undefined) src += " (confidence " + ev.confidence + ")";
      li.appendChild(el("span", "kg-source", src));
      list.appendChild(li);
    });
    card.appendChild(list);
    if (item.mentions > item.evidence.length) {
      card.appendChild(el("div", "kg-source", "+ " + (item.mentions - item.evidence.length) + " more"));
    }
  }

  function nodeCard(n) {
    var card = el("div", "kg-card");
    card.appendChild(el("div", "kg-name", n.label));
    var meta = el("div", "kg-meta");
    meta.appendChild(el("span", "kg-class", n["class"]));
    meta.appendChild(document.createTextNode(" · " + plural(n.degree, "connection")));
    card.appendChild(meta);
    if (n["class"] === "Metric") {
      var facts = [["measure", n.measure], ["value", n.value + " " + n.unit], ["date", n.date]];
      facts.forEach(function (f) {
        if (f[1]) card.appendChild(el("div", "kg-aliases", f[0] + ": " + f[1]));
      });
    }
    if (n.aliases && n.aliases.length) card.appendChild(el("div", "kg-aliases", "also: " + n.aliases.join("; ")));
    card.appendChild(el("div", "kg-iri", n.id));
    evidenceList(n, card);
    return card;
  }

  function edgeCard(e) {
    var card = el("div", "kg-card");
    var from = byId[e.from], to = byId[e.to];
    card.appendChild(el("div", "kg-name", from.label + " → " + to.label));
    e.relations.forEach(function (r) {
      var part = el("div", "kg-rel");
      var name = r.relation === "subject" ? "metric of (kg:subject)"
        : r.relation === "location" ? "kg:location" : "kg:" + r.relation;
      var meta = el("div", "kg-meta");
      meta.appendChild(el("span", "kg-class", r.label));
      meta.appendChild(document.createTextNode(" · " + name));
      part.appendChild(meta);
      evidenceList(r, part);
      card.appendChild(part);
    });
    return card;
  }

  var nodeCount = data.nodes.length;
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var s = styles[n["class"]];
    var metric = n["class"] === "Metric";
    var item = {
      id: n.id,
      label: metric ? shorten(n.label, 28) : wrap(n.label, 20),
      title: nodeCard(n),
      shape: s.shape,
      color: {
        background: s.color, border: n.focus ? "#1f2328" : s.color,
        highlight: { background: s.color, border: "#1f2328" },
        hover: { background: s.color, border: "#1f2328" }
      },
      borderWidth: n.focus ? 4 : 1
    };
    /* vis-network rejects options set to undefined: add them only where they apply. */
    if (metric) {
      item.font = { size: 12, color: "#1f2328", strokeWidth: 0 };
      item.margin = 6;
    } else {
      item.value = Math.max(1, n.degree);
    }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var metric = e.relations.every(function (r) { return r.relation === "subject" || r.relation === "location"; });
    return {
      id: e.id, from: e.from, to: e.to,
      label: shorten(e.label, 30),
      title: edgeCard(e),
      dashes: metric ? [4, 4] : false
    };
  }));

  var options = {
    autoResize: true,
    nodes: {
      font: { size: 14, color: "#1f2328", strokeWidth: 3, strokeColor: "#ffffff",
        face: "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, Liberation Sans, Arial, sans-serif" },
      scaling: { min: 8, max: 30, label: { enabled: true, min: 13, max: 18, drawThreshold: 5, maxVisible: 26 } },
      borderWidthSelected: 3
    },
    edges: {
      width: 1.2,
      selectionWidth: 1.5,
      color: { color: "#a3acb5", highlight: "#1f2328", hover: "#59636e", inherit: false },
      font: { size: 11, color: "#59636e", strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal" },
      arrows: { to: { enabled: true, scaleFactor: 0.55 } },
      smooth: { enabled: true, type: "curvedCW", roundness: 0.12 }
    },
    /* forceAtlas2Based settles clustered graphs of a few hundred nodes in a few
       hundred iterations; strong damping stops the jiggle early.  Physics is
       switched off once the layout is stable so an idle page costs no CPU. */
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -80, centralGravity: 0.012, springLength: 120,
        springConstant: 0.07, damping: 0.55, avoidOverlap: 0.6 },
      maxVelocity: 60, minVelocity: 1.5, timestep: 0.45,
      stabilization: { enabled: true, iterations: nodeCount > 300 ? 300 : 400, updateInterval: 25, fit: true }
    },
    layout: { randomSeed: 7, improvedLayout: nodeCount <= 120 },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: nodeCount > 300, keyboard: false,
      navigationButtons: false, multiselect: false }
  };

  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgData = data;
  window.kgOptions = options;
  window.kgReady = false;

  /* ---------------------------------------------------------------- header */
  var counts = plural(data.nodes.length, "node") + " · " + plural(data.edges.length, "edge");
  if (data.nodes.length < data.totals.nodes || data.edges.length < data.totals.edges) {
    counts += " (of " + data.totals.nodes + " · " + data.totals.edges + ")";
  }
  var f = data.filters || {};
  if (f.focus) counts += " · around “" + f.focus + "”, depth " + f.depth;
  if (f.types) counts += " · " + f.types.join(", ");
  document.getElementById("kg-counts").textContent = counts;

  if (!nodeCount) {
    container.appendChild(el("div", "kg-empty", "No nodes to show: the graph is empty or the filters left nothing."));
  }

  /* ---------------------------------------------------------------- layout */
  function ready() {
    if (window.kgReady) return;
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    status.hidden = true;
    window.kgReady = true;
    document.dispatchEvent(new CustomEvent("kg-ready"));
  }
  network.on("stabilizationProgress", function (p) {
    status.textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", ready);
  network.once("stabilized", ready);
  if (!nodeCount) ready();

  var physics = document.getElementById("kg-physics");
  physics.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physics.checked } });
  });
  document.getElementById("kg-fit").addEventListener("click", function () { network.fit({ animation: true }); });

  /* ---------------------------------------------------------------- legend */
  var hiddenClasses = {};
  function setClassHidden(name, hidden) {
    hiddenClasses[name] = hidden;
    nodes.update(data.nodes.filter(function (n) { return n["class"] === name; })
      .map(function (n) { return { id: n.id, hidden: hidden }; }));
    var item = document.querySelector('#kg-legend-items li[data-class="' + name + '"]');
    if (item) item.classList.toggle("kg-off", hidden);
  }
  var legend = document.getElementById("kg-legend-items");
  data.classes.forEach(function (c) {
    var li = el("li");
    li.setAttribute("data-class", c.name);
    li.title = "Hide or show " + c.name + " nodes";
    var swatch = el("span", "kg-swatch kg-shape-" + c.shape);
    swatch.style.background = c.color;
    li.appendChild(swatch);
    li.appendChild(el("span", null, c.name));
    li.appendChild(el("span", "kg-count", c.count));
    li.addEventListener("click", function () { setClassHidden(c.name, !hiddenClasses[c.name]); });
    legend.appendChild(li);
  });

  /* ---------------------------------------------------------------- details and highlight */
  var details = document.getElementById("kg-details");
  var detailsBody = document.getElementById("kg-details-body");

  function connections(id) {
    var box = el("div");
    var list = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    if (!list.length) return box;
    box.appendChild(el("h3", null, "Connections (" + list.length + ")"));
    var ul = el("ol");
    list.forEach(function (e) {
      var other = byId[e.from === id ? e.to : e.from];
      var li = el("li");
      var link = el("button", "kg-link", other.label);
      link.type = "button";
      link.addEventListener("click", function () { select(other.id); });
      /* "→ operates in Kazakhstan" out of this node, "← Pavel Durov CEO of" into it. */
      if (e.from === id) {
        li.appendChild(document.createTextNode("→ " + e.label + " "));
        li.appendChild(link);
      } else {
        li.appendChild(document.createTextNode("← "));
        li.appendChild(link);
        li.appendChild(document.createTextNode(" " + e.label));
      }
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  function showDetails(card) {
    while (detailsBody.firstChild) detailsBody.removeChild(detailsBody.firstChild);
    detailsBody.appendChild(card);
    details.hidden = false;
  }
  function hideDetails() { details.hidden = true; }
  document.getElementById("kg-close").addEventListener("click", function () {
    hideDetails(); network.unselectAll(); highlight(null);
  });

  function highlight(id) {
    var near = null;
    if (id !== null) {
      near = {};
      near[id] = true;
      network.getConnectedNodes(id).forEach(function (n) { near[n] = true; });
    }
    nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: !near || near[n.id] ? 1 : 0.3 }; }));
  }

  function select(id) {
    var n = byId[id];
    if (!n) return;
    if (hiddenClasses[n["class"]]) setClassHidden(n["class"], false);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
    highlight(id);
    var card = nodeCard(n);
    card.appendChild(connections(id));
    showDetails(card);
  }

  network.on("click", function (p) {
    if (p.nodes.length) {
      select(p.nodes[0]);
    } else if (p.edges.length) {
      var e = edges.get(p.edges[0]);
      highlight(null);
      showDetails(edgeCard(data.edges.filter(function (x) { return x.id === e.id; })[0]));
    } else {
      highlight(null);
      hideDetails();
    }
  });

  /* ---------------------------------------------------------------- search */
  var search = document.getElementById("kg-search");
  var names = document.getElementById("kg-names");
  var optionIds = {};
  data.nodes.forEach(function (n) {
    if (n["class"] === "Metric") return;
    var key = n.label + " (" + n["class"] + ")";
    if (optionIds[key]) return;
    optionIds[key] = n.id;
    var opt = document.createElement("option");
    opt.value = key;
    names.appendChild(opt);
  });
  function find(query) {
    if (optionIds[query]) return optionIds[query];
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var best = null;
    data.nodes.forEach(function (n) {
      var hit = [n.label].concat(n.aliases || []).some(function (s) { return s.toLowerCase().indexOf(q) >= 0; });
      var exact = [n.label].concat(n.aliases || []).some(function (s) { return s.toLowerCase() === q; });
      var score = (exact ? 1e6 : 0) + n.degree;
      if (hit && (!best || score > best.score)) best = { id: n.id, score: score };
    });
    return best && best.id;
  }
  function go() {
    var id = find(search.value);
    search.classList.toggle("kg-miss", !id && search.value.trim() !== "");
    if (id) select(id);
  }
  search.addEventListener("change", go);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") go(); });
  window.kgSelect = select;
})();
