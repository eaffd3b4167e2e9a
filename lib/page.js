/* page.js - the explorer of render -T html and the HTML report (page.c).
 *
 * Reads the organisation from the mg-data element (node-link export and
 * gaps JSON), finds Graphviz's nodes and edges in the SVG by their <title>
 * (the synthetic ids r0, t3 that the export uses too, and "r0->t3" for an
 * edge), and adds: pan and zoom (the SVG's viewBox: wheel, drag, buttons,
 * fit), a search that selects a role or tool and centres it, a click that
 * highlights a node, its handoffs and tools (or a tool's roles) and dims the
 * rest, a side panel with what the organisation says of it, and outlines for
 * the gaps of the checked severities. Names reach the page through
 * textContent only, never as markup. No library, no network. */
(function () {
  'use strict';
  var root = document.getElementById('mg-explorer');
  if (!root) return;
  var view = document.getElementById('mg-view');
  var svg = view.querySelector('svg');
  var panel = document.getElementById('mg-panel');
  var statusLine = document.getElementById('mg-status');
  var search = document.getElementById('mg-search');
  if (!svg) return;
  var data = JSON.parse(document.getElementById('mg-data').textContent);
  var RANK = {low: 1, medium: 2, high: 3};
  var COLOUR = {1: '#d4a017', 2: '#e56a00', 3: '#c62828'};
  var FIELDS = {id: 1, type: 1, name: 1, summary: 1, cluster: 1, aliases: 1, headcount: 1};

  /* ---- the organisation ---- */
  var org = {nodes: {}, links: [], gaps: [], byName: {}};
  var shapes = {}, edges = [];

  function text(el) { return el ? el.textContent : ''; }

  function readPicture() {
    svg.querySelectorAll('g.node').forEach(function (g) {
      shapes[text(g.querySelector('title'))] = g;
    });
    svg.querySelectorAll('g.edge').forEach(function (g) {
      var ends = text(g.querySelector('title')).split('->');
      if (ends.length === 2) edges.push({el: g, a: ends[0], b: ends[1]});
    });
  }

  /* The data describes this picture only if every drawn node's first line
   * is the name the data gives its id (not so in the cluster view). */
  function matches(graph) {
    var byId = {};
    graph.nodes.forEach(function (n) { byId[n.id] = n; });
    return Object.keys(shapes).every(function (id) {
      var first = shapes[id].querySelector('text');
      return byId[id] && (!first || first.textContent === byId[id].name);
    });
  }

  function readData() {
    if (!data.graph || !matches(data.graph)) return;
    data.graph.nodes.forEach(function (n) {
      if (n.type === 'capability') { org.nodes[n.id] = n; return; }
      n.gaps = [];
      n.links = [];
      org.nodes[n.id] = n;
      org.byName[n.type + ':' + n.name] = n;
    });
    data.graph.links.forEach(function (l) {
      org.links.push(l);
      [l.source, l.target].forEach(function (id) {
        if (org.nodes[id] && org.nodes[id].links) org.nodes[id].links.push(l);
      });
    });
    ((data.gaps && data.gaps.gaps) || []).forEach(function (gap) {
      org.gaps.push(gap);
      [['role', gap.roles], ['tool', gap.tools]].forEach(function (kind) {
        (kind[1] || []).forEach(function (name) {
          var n = org.byName[kind[0] + ':' + name];
          if (n && n.gaps.indexOf(gap) < 0) n.gaps.push(gap);
        });
      });
    });
  }

  /* Ids of the nodes a node is joined to: handoffs and tools for a role,
   * roles for a tool; from the picture's edges when there is no data. */
  function neighbours(id) {
    var out = {};
    var n = org.nodes[id];
    if (n && n.links) {
      n.links.forEach(function (l) {
        if (l.relation !== 'collaboration' && l.relation !== 'uses') return;
        out[l.source === id ? l.target : l.source] = true;
      });
    } else {
      edges.forEach(function (e) {
        if (e.a === id) out[e.b] = true;
        if (e.b === id) out[e.a] = true;
      });
    }
    delete out[id];
    return Object.keys(out);
  }

  /* ---- pan and zoom: the viewBox ---- */
  var box = svg.viewBox.baseVal;
  var home = {x: box.x, y: box.y, w: box.width, h: box.height};
  var cam = {x: home.x, y: home.y, w: home.w, h: home.h};

  function setView(v) {
    var w = Math.min(Math.max(v.w, home.w / 60), home.w * 4);
    var k = w / v.w;
    cam = {x: v.x + (v.w - w) / 2, y: v.y + (v.h - v.h * k) / 2, w: w, h: v.h * k};
    svg.setAttribute('viewBox', [cam.x, cam.y, cam.w, cam.h].join(' '));
  }

  /* A point of the window in the SVG's user space (the viewBox's). */
  function toUser(clientX, clientY, ctm) {
    var p = svg.createSVGPoint();
    p.x = clientX;
    p.y = clientY;
    return p.matrixTransform(ctm || svg.getScreenCTM().inverse());
  }

  function zoom(f, clientX, clientY) {
    var r = svg.getBoundingClientRect();
    var p = toUser(clientX === undefined ? r.left + r.width / 2 : clientX,
                   clientY === undefined ? r.top + r.height / 2 : clientY);
    setView({x: p.x - (p.x - cam.x) * f, y: p.y - (p.y - cam.y) * f, w: cam.w * f, h: cam.h * f});
  }

  function fit() { setView(home); }

  /* Centre the view on a node, at 100% (one unit a pixel, where labels have
   * their size in points) unless the view is closer already. */
  function centre(id) {
    var g = shapes[id];
    if (!g) return;
    var b = g.getBBox();
    var m = svg.getScreenCTM().inverse().multiply(g.getScreenCTM());
    var c = svg.createSVGPoint();
    c.x = b.x + b.width / 2;
    c.y = b.y + b.height / 2;
    c = c.matrixTransform(m);
    var w = Math.min(cam.w, Math.max(svg.clientWidth, b.width * m.a * 1.5));
    var h = cam.h * w / cam.w;
    setView({x: c.x - w / 2, y: c.y - h / 2, w: w, h: h});
  }

  var drag = null, dragged = false;

  function onPointerDown(e) {
    if (e.button !== 0) return;
    drag = {x: e.clientX, y: e.clientY, ctm: svg.getScreenCTM().inverse(), cam: cam};
    dragged = false;
  }

  function onPointerMove(e) {
    if (!drag) return;
    if (!dragged && Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 4) return;
    if (!dragged) {
      dragged = true;
      view.classList.add('mg-dragging');
      view.setPointerCapture(e.pointerId);
    }
    var p0 = toUser(drag.x, drag.y, drag.ctm), p = toUser(e.clientX, e.clientY, drag.ctm);
    setView({x: drag.cam.x - (p.x - p0.x), y: drag.cam.y - (p.y - p0.y),
             w: drag.cam.w, h: drag.cam.h});
  }

  function onPointerUp() {
    drag = null;
    view.classList.remove('mg-dragging');
  }

  /* ---- selection ---- */
  var selected = null;

  function clear() {
    selected = null;
    root.removeAttribute('data-selected');
    svg.classList.remove('mg-dimmed');
    svg.querySelectorAll('.mg-on, .mg-selected').forEach(function (el) {
      el.classList.remove('mg-on', 'mg-selected');
    });
    panel.replaceChildren(hint);
  }

  function select(id) {
    clear();
    selected = id;
    root.setAttribute('data-selected', id);
    var on = {};
    on[id] = true;
    neighbours(id).forEach(function (n) { on[n] = true; });
    Object.keys(on).forEach(function (n) { if (shapes[n]) shapes[n].classList.add('mg-on'); });
    if (shapes[id]) shapes[id].classList.add('mg-selected');
    edges.forEach(function (e) {
      if ((e.a === id && on[e.b]) || (e.b === id && on[e.a])) e.el.classList.add('mg-on');
    });
    svg.classList.add('mg-dimmed');
    showPanel(id);
  }

  function onClick(e) {
    if (dragged) { dragged = false; return; }
    var g = e.target.closest ? e.target.closest('g.node') : null;
    if (g) {
      e.preventDefault();
      select(text(g.querySelector('title')));
    } else {
      clear();
    }
  }

  /* ---- the side panel, built with textContent only ---- */
  var hint = panel.firstElementChild;

  function el(tag, content, cls) {
    var e = document.createElement(tag);
    if (content !== undefined) e.textContent = content;
    if (cls) e.className = cls;
    return e;
  }

  /* A button that selects and centres node id. */
  function go(id, label) {
    var b = el('button', label, 'mg-go');
    b.type = 'button';
    b.setAttribute('data-id', id);
    b.addEventListener('click', function () { select(id); centre(id); });
    return b;
  }

  function list(parent, title, items) {
    parent.appendChild(el('h3', title + ' (' + items.length + ')'));
    var ul = el('ul');
    items.forEach(function (item) {
      var li = el('li');
      item.forEach(function (part) {
        li.appendChild(typeof part === 'string' ? document.createTextNode(part) : part);
      });
      ul.appendChild(li);
    });
    parent.appendChild(ul);
  }

  function nameOf(id) { return org.nodes[id] ? org.nodes[id].name : id; }

  function roleLines(n, box) {
    if (n.summary) box.appendChild(el('p', n.summary));
    if (n.aliases) box.appendChild(el('p', 'Also: ' + n.aliases.split(';').join(', ')));
    if (n.headcount !== undefined) box.appendChild(el('p', 'Headcount: ' + n.headcount));
  }

  function attributes(n, box) {
    Object.keys(n).forEach(function (k) {
      if (FIELDS[k] || k === 'gaps' || k === 'links') return;
      box.appendChild(el('p', k + ': ' + n[k]));
    });
  }

  function handoffs(n) {
    return n.links.filter(function (l) { return l.relation === 'collaboration'; })
      .map(function (l) {
        var out = l.source === n.id, other = out ? l.target : l.source;
        var arrow = l.direction === 'both' ? '\u2194 ' : out ? '\u2192 ' : '\u2190 ';
        if (l.source === l.target) arrow = '\u21BA ';
        return [arrow, go(other, nameOf(other)), l.handoff ? ': ' + l.handoff : ''];
      });
  }

  function related(n, relation) {
    return n.links.filter(function (l) { return l.relation === relation; })
      .map(function (l) {
        var other = l.source === n.id ? l.target : l.source;
        return org.nodes[other] && org.nodes[other].type === 'capability' ? [nameOf(other)]
          : [go(other, nameOf(other))];
      });
  }

  function gapItems(n) {
    return n.gaps.map(function (g) {
      return [el('span', g.severity, 'mg-sev-' + g.severity), ' ' + g.kind + ': ' + g.message];
    });
  }

  function showPanel(id) {
    var n = org.nodes[id];
    var box = document.createDocumentFragment();
    if (!n || !n.links) {
      var g = shapes[id];
      var a = g && g.querySelector('a');
      box.appendChild(el('h2', text(g && g.querySelector('text'))));
      box.appendChild(el('p', a ? a.getAttribute('xlink:title') || '' : ''));
      panel.replaceChildren(box);
      return;
    }
    box.appendChild(el('h2', (n.type === 'tool' ? 'Tool: ' : '') + n.name));
    if (n.type === 'role') {
      roleLines(n, box);
      attributes(n, box);
      list(box, 'Handoffs', handoffs(n));
      list(box, 'Tools', related(n, 'uses'));
    } else {
      attributes(n, box);
      list(box, 'Supports', related(n, 'supports'));
      list(box, 'Used by', related(n, 'uses'));
    }
    list(box, 'Gaps', gapItems(n));
    if (!shapes[id]) box.appendChild(el('p', 'Not drawn in this picture.', 'mg-hint'));
    panel.replaceChildren(box);
  }

  /* ---- gap outlines of the checked severities ---- */
  function outline() {
    var on = {};
    Object.keys(RANK).forEach(function (s) {
      var box = document.getElementById('mg-sev-' + s);
      if (box && box.checked) on[s] = true;
    });
    Object.keys(org.nodes).forEach(function (id) {
      var n = org.nodes[id], g = shapes[id];
      if (!g || !n.gaps) return;
      var worst = 0;
      n.gaps.forEach(function (gap) {
        if (on[gap.severity]) worst = Math.max(worst, RANK[gap.severity]);
      });
      var shape = g.querySelector('path, polygon, ellipse');
      g.classList.remove('mg-gap-1', 'mg-gap-2', 'mg-gap-3');
      if (worst) g.classList.add('mg-gap-' + worst);
      if (shape) {
        shape.style.stroke = worst ? COLOUR[worst] : '';
        shape.style.strokeWidth = worst ? '3px' : '';
      }
    });
  }

  /* ---- search ---- */
  var known = {};

  function names() {
    var options = document.getElementById('mg-names');
    Object.keys(org.nodes).forEach(function (id) {
      var n = org.nodes[id];
      if (n.type !== 'capability') known[n.name] = true;
    });
    if (!Object.keys(org.nodes).length) {
      Object.keys(shapes).forEach(function (id) {
        known[text(shapes[id].querySelector('text'))] = true;
      });
    }
    Object.keys(known).sort().forEach(function (name) {
      options.appendChild(el('option')).value = name;
    });
  }

  /* The node a query names: a role or tool name or a role's alias, exactly
   * (case aside), else the first whose name contains it. */
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var ids = Object.keys(org.nodes).filter(function (id) {
      return org.nodes[id].type !== 'capability';
    });
    var label = function (id) { return org.nodes[id].name; };
    if (!ids.length) {
      ids = Object.keys(shapes);
      label = function (id) { return text(shapes[id].querySelector('text')); };
    }
    var exact = ids.filter(function (id) {
      var n = org.nodes[id];
      var aliases = n && n.aliases ? n.aliases.toLowerCase().split(';') : [];
      return label(id).toLowerCase() === q || aliases.indexOf(q) >= 0;
    });
    if (exact.length) return exact[0];
    var part = ids.filter(function (id) { return label(id).toLowerCase().indexOf(q) >= 0; });
    return part.length ? part[0] : null;
  }

  function onSearch() {
    var id = find(search.value);
    if (!id) {
      statusLine.textContent = search.value.trim() ? 'No role or tool matches \u201C' +
        search.value.trim() + '\u201D.' : '';
      return;
    }
    statusLine.textContent = shapes[id] ? '' : nameOf(id) + ' is not drawn in this picture.';
    select(id);
    centre(id);
  }

  /* ---- wiring ---- */
  readPicture();
  readData();
  names();
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  document.getElementById('mg-zoom-in').addEventListener('click', function () { zoom(1 / 1.4); });
  document.getElementById('mg-zoom-out').addEventListener('click', function () { zoom(1.4); });
  document.getElementById('mg-fit').addEventListener('click', fit);
  document.getElementById('mg-clear').addEventListener('click', clear);
  Object.keys(RANK).forEach(function (s) {
    var box = document.getElementById('mg-sev-' + s);
    if (box) box.addEventListener('change', outline);
  });
  view.addEventListener('wheel', function (e) {
    e.preventDefault();
    zoom(Math.exp(Math.max(-1, Math.min(1, e.deltaY / 300))), e.clientX, e.clientY);
  }, {passive: false});
  view.addEventListener('pointerdown', onPointerDown);
  view.addEventListener('pointermove', onPointerMove);
  view.addEventListener('pointerup', onPointerUp);
  view.addEventListener('pointercancel', onPointerUp);
  svg.addEventListener('click', onClick);
  search.addEventListener('keydown', function (e) { if (e.key === 'Enter') onSearch(); });
  search.addEventListener('input', function (e) {
    /* a name picked from the list (not one typed on the way to another) */
    if ((!e.inputType || e.inputType === 'insertReplacementText') && known[search.value])
      onSearch();
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') clear();
  });
  outline();
  if (!Object.keys(org.nodes).length) {
    root.querySelector('.mg-sev').hidden = true; /* no gaps to outline */
    if (data.graph)
      statusLine.textContent = 'This picture does not show the roles one by one: search finds its nodes.';
  }
  root.setAttribute('data-ready', '1');
})();
