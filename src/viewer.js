/*
 * viewer.js - the script of relgraph's interactive page (-o x.html;
 * relgraph(1), THE INTERACTIVE PAGE). src/html.c embeds it, and allows it
 * in the page's Content-Security-Policy by its SHA-256.
 *
 * It works on the page as relgraph wrote it: the SVG inline, with the
 * ids and classes svg.c gives every actor, tie and group, and the model
 * as JSON in the element #rg-model, which names each object's element
 * ids. It never reads positions from the drawing, so it
 * does not depend on how the layout was made. Text from the data file
 * reaches the page only through textContent and attribute values, never
 * as markup; it makes no request of any kind.
 *
 * State: the tie kinds shown, a date (or all dates), a search, a focus
 * actor and a selection. Each change recomputes who is shown, dimmed and
 * matched, and touches only the elements whose classes change:
 * rg-hidden (not displayed), rg-dim, rg-match, rg-focus, rg-selected,
 * and rg-out on a bundled line whose first tie is out while another of
 * its ties is shown (the line stays).
 */
(function () {
  'use strict';

  var doc = document;
  var model = JSON.parse(doc.getElementById('rg-model').textContent);
  var stage = doc.getElementById('rg-stage');
  var svg = stage.querySelector('svg');
  var details = doc.getElementById('rg-details');
  var statusLine = doc.getElementById('rg-status');
  if (!svg)
    return;

  /* ---- dates: the rule of --as-of (relgraph(5), DATES) ------------------ */

  /* A date names a whole period: "2007" is 2007-01-01 to 2007-12-31. Days
   * are numbers YYYYMMDD, as filter.c compares them. */
  function parseDate(s) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
    return m ? { y: +m[1], m: m[2] ? +m[2] : 0, d: m[3] ? +m[3] : 0 } : null;
  }
  function daysIn(y, m) {
    if (m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0))
      return 29;
    return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }
  function firstDay(d) {
    return d.y * 10000 + (d.m || 1) * 100 + (d.d || 1);
  }
  function lastDay(d) {
    var m = d.m || 12;
    return d.y * 10000 + m * 100 + (d.d || daysIn(d.y, m));
  }
  /* The days a tie covers, or null when it is undated. */
  function period(t) {
    if (t.date) {
      var d = parseDate(t.date);
      return [firstDay(d), lastDay(d)];
    }
    if (!t.start && !t.end)
      return null;
    return [t.start ? firstDay(parseDate(t.start)) : -Infinity,
            t.end ? lastDay(parseDate(t.end)) : Infinity];
  }
  /* In force at AT (a parsed date): started by the end of AT's period and
   * not ended before its start. Undated ties always are. */
  function inForce(p, at) {
    return !p || !(p[0] > lastDay(at) || p[1] < firstDay(at));
  }

  /* ---- the objects and their elements ----------------------------------- */

  var byId = new Map();
  svg.querySelectorAll('[id]').forEach(function (el) {
    var list = byId.get(el.id);
    if (list)
      list.push(el);
    else
      byId.set(el.id, [el]);
  });
  function elements(ids) {
    var out = [];
    ids.forEach(function (id) {
      (byId.get(id) || []).forEach(function (el) { out.push(el); });
    });
    return out;
  }

  var actors = model.actors, ties = model.ties, groups = model.groups;
  var kinds = model.kinds, dates = model.dates;
  var owner = new Map(); /* element -> {type, index} */
  function own(list, type, i) {
    list.forEach(function (el) { owner.set(el, { type: type, index: i }); });
  }
  /* Search text: lower case, without accents ("Rubaïe" finds "rubaie"). */
  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  actors.forEach(function (a, i) {
    a.els = elements([a.el]);
    a.ties = [];
    a.find = fold([a.name, a.role || ''].concat(a.aliases).join('\n'));
    own(a.els, 'actor', i);
    a.els.forEach(function (el) {
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', a.name + (a.role ? ', ' + a.role : ''));
    });
  });
  ties.forEach(function (t, i) {
    t.els = elements([t.el].concat(t.lines));
    t.period = period(t);
    own(t.els, 'tie', i);
    /* What the tie is about counts as one more party, as for --focus. */
    t.all = t.over >= 0 ? t.parties.concat([t.over]) : t.parties;
    t.all.forEach(function (p) {
      if (actors[p].ties.indexOf(i) < 0)
        actors[p].ties.push(i);
    });
  });
  groups.forEach(function (g) { g.els = elements([g.el]); });
  /* A tie bundled into another's line (relgraph(5), bundle) has an empty
   * element of its own whose data-bundle names the line: the line stays
   * while any of its ties is shown. */
  var tieOfEl = new Map();
  ties.forEach(function (t, i) { tieOfEl.set(t.el, i); });
  ties.forEach(function (t) {
    var el = t.els[0], line = el && el.getAttribute('data-bundle');
    t.line = line && tieOfEl.has(line) ? tieOfEl.get(line) : -1;
  });
  var lineShown = new Uint8Array(ties.length);
  /* One tab stop an actor: the links Graphviz wraps around shapes are not
   * stops of their own, and lead nowhere on a click (the panel has them). */
  svg.querySelectorAll('a').forEach(function (a) { a.setAttribute('tabindex', '-1'); });

  /* ---- layers ------------------------------------------------------------ */

  /* The drawing as a stack of SVGs exactly over one another, each its own
   * composited layer (viewer.css): the background and the group boxes at
   * the bottom, then the lines of each tie kind, then the rest as written
   * (actors, the boxes of multi-party ties, the legend). A change then
   * repaints only the layers whose elements changed: a kind toggled no
   * longer repaints every line and actor of the drawing (make bench, the
   * toggle at 2,000 actors). What is painted over what stays as the SVG
   * has it (group boxes, then lines, then actors: build.c asks for the
   * edges first), but for lines of different kinds among themselves.
   * The OWN_LAYERS kinds with the most lines have a layer each, and the
   * others share one: a layer repaints in the time its lines take, and
   * costs the browser memory the size of the window. */
  var OWN_LAYERS = 4;
  var layers = [svg];
  (function () {
    var graph = svg.querySelector(':scope > g.graph');
    if (!graph)
      return;
    function layer() {
      var s = svg.cloneNode(false), g = graph.cloneNode(false);
      g.removeAttribute('id');
      s.appendChild(g);
      return s;
    }
    var bottom = layer(), byKind = new Map(), objects = false;
    Array.prototype.slice.call(graph.children).forEach(function (c) {
      var o = owner.get(c);
      /* The background is the polygon before the first object. */
      objects = objects || c.tagName === 'g';
      if (c.classList.contains('cluster') || (!objects && c.tagName === 'polygon')) {
        bottom.firstChild.appendChild(c);
      } else if (o && o.type === 'tie' && c.classList.contains('edge')) {
        var k = ties[o.index].kind;
        if (!byKind.has(k))
          byKind.set(k, []);
        byKind.get(k).push(c);
      }
    });
    var drawn = Array.from(byKind.keys()).sort(function (a, b) { return a - b; });
    var own = drawn.slice().sort(function (a, b) {
      return byKind.get(b).length - byKind.get(a).length || a - b;
    }).slice(0, OWN_LAYERS);
    /* In the kinds' order, each layer where its first kind is. */
    var made = [], shared = null;
    drawn.forEach(function (k) {
      var alone = own.indexOf(k) >= 0, to = alone ? null : shared;
      if (!to) {
        to = layer();
        made.push(to);
        if (!alone)
          shared = to;
      }
      byKind.get(k).forEach(function (c) { to.firstChild.appendChild(c); });
    });
    layers = [bottom].concat(made, [svg]);
    layers.forEach(function (s) {
      s.classList.add('rg-layer');
      if (s !== svg)
        stage.insertBefore(s, svg);
    });
  })();

  /* ---- state ------------------------------------------------------------- */

  var kindOn = kinds.map(function () { return true; });
  var dateAt = -1;           /* index into dates, -1: all dates */
  var query = '';
  var focus = -1;            /* actor index */
  var selected = null;       /* {type, index} */

  var shownTie = new Uint8Array(ties.length);
  var shownActor = new Uint8Array(actors.length);
  var near = new Uint8Array(actors.length); /* within one tie of the focus */
  /* What each element was given, so that an update touches only changes. */
  var applied = new Map();

  function setClasses(list, hidden, dim, extra) {
    var key = (hidden ? 1 : 0) | (dim ? 2 : 0) | (extra || 0);
    list.forEach(function (el) {
      var was = applied.has(el) ? applied.get(el) : 0;
      if (was === key)
        return;
      applied.set(el, key);
      el.classList.toggle('rg-hidden', !!hidden);
      el.classList.toggle('rg-dim', !!dim);
      el.classList.toggle('rg-match', !!(key & 4));
      el.classList.toggle('rg-focus', !!(key & 8));
      el.classList.toggle('rg-selected', !!(key & 16));
      el.classList.toggle('rg-out', !!(key & 32));
    });
  }

  function isSelected(type, i) {
    return selected && selected.type === type && selected.index === i;
  }

  /* Who is shown, dimmed and matched; then the classes. */
  function update() {
    var at = dateAt >= 0 ? parseDate(dates[dateAt]) : null;
    var filtering = at !== null || kindOn.indexOf(false) >= 0;
    var i;
    shownActor.fill(filtering ? 0 : 1);
    for (i = 0; i < ties.length; i++) {
      var t = ties[i];
      shownTie[i] = kindOn[t.kind] && (!at || inForce(t.period, at)) ? 1 : 0;
      if (shownTie[i])
        t.all.forEach(function (p) { shownActor[p] = 1; });
    }
    /* As with --focus: the focus actor stays, and so do the actors within
     * one shown tie of it and every shown tie among them. */
    near.fill(0);
    if (focus >= 0) {
      shownActor[focus] = 1;
      near[focus] = 1;
      actors[focus].ties.forEach(function (ti) {
        if (shownTie[ti])
          ties[ti].all.forEach(function (p) { near[p] = 1; });
      });
    }
    var q = fold(query.trim()), found = 0;
    actors.forEach(function (a, ai) {
      var match = q !== '' && shownActor[ai] && a.find.indexOf(q) >= 0;
      found += match ? 1 : 0;
      setClasses(a.els, !shownActor[ai], focus >= 0 && !near[ai],
                 (match ? 4 : 0) | (ai === focus ? 8 : 0) |
                 (isSelected('actor', ai) ? 16 : 0));
    });
    lineShown.set(shownTie);
    ties.forEach(function (t, ti) {
      if (t.line >= 0 && shownTie[ti])
        lineShown[t.line] = 1;
    });
    ties.forEach(function (t, ti) {
      var lit = focus < 0 || t.all.every(function (p) { return near[p]; });
      setClasses(t.els, !lineShown[ti], !lit, (isSelected('tie', ti) ? 16 : 0) |
                 (lineShown[ti] && !shownTie[ti] ? 32 : 0));
    });
    /* A group box with no actor shown in it goes, as its group would. */
    var full = new Uint8Array(groups.length);
    actors.forEach(function (a, ai) {
      for (var g = a.group; shownActor[ai] && g >= 0 && !full[g]; g = groups[g].parent)
        full[g] = 1;
    });
    groups.forEach(function (g, gi) { setClasses(g.els, !full[gi], false, 0); });
    describe(at, found);
  }

  /* What the view shows, in the words of the drawing's title line. */
  function describe(at, found) {
    var parts = [], off = [], on = [];
    kinds.forEach(function (k, i) { (kindOn[i] ? on : off).push(k.id); });
    if (off.length)
      parts.push(on.length < off.length ? 'only ' + on.join(', ')
                                        : 'without ' + off.join(', '));
    if (at)
      parts.push('as of ' + dates[dateAt]);
    if (focus >= 0)
      parts.push('focus: ' + actors[focus].name + ' (depth 1)');
    var na = 0, nt = 0;
    shownActor.forEach(function (v) { na += v; });
    shownTie.forEach(function (v) { nt += v; });
    var text = na + (na === 1 ? ' actor, ' : ' actors, ') + nt +
               (nt === 1 ? ' tie' : ' ties') +
               (parts.length ? ' \u00b7 ' + parts.join(' \u00b7 ') : '');
    statusLine.textContent = text;
    var foundOut = doc.getElementById('rg-found');
    if (foundOut)
      foundOut.textContent = query.trim() === '' ? ''
        : found === 0 ? 'none found' : found === 1 ? '1 found' : found + ' found';
    var shown = doc.getElementById('rg-date-shown');
    if (shown)
      shown.textContent = at ? 'as of ' + dates[dateAt] : '';
  }

  /* ---- timing, for make bench: one change, to the next frame drawn ------ */

  var api = { lastUpdate: null };
  function timed(change) {
    var t0 = performance.now();
    change();
    var t1 = performance.now();
    api.lastUpdate = null;
    requestAnimationFrame(function () {
      setTimeout(function () {
        api.lastUpdate = { script: t1 - t0, frame: performance.now() - t0 };
      }, 0);
    });
  }

  /* ---- the evidence panel ------------------------------------------------ */

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls)
      e.className = cls;
    if (text !== undefined && text !== null)
      e.textContent = text;
    return e;
  }
  function httpUrl(u) {
    return typeof u === 'string' && /^https?:\/\/[^\s"'<>\\]+$/i.test(u);
  }
  function link(url, text) {
    if (!httpUrl(url))
      return el('span', null, text);
    var a = el('a', null, text);
    a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }
  function sourcesList(indexes) {
    var box = doc.createDocumentFragment();
    if (!indexes.length)
      return box;
    box.appendChild(el('h3', null, indexes.length === 1 ? 'Source' : 'Sources'));
    var ul = el('ul', 'rg-sources');
    indexes.forEach(function (si) {
      var s = model.sources[si], li = el('li');
      li.appendChild(link(s.url, s.text));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }
  function button(text, action) {
    var b = el('button', 'rg-link', text);
    b.type = 'button';
    b.addEventListener('click', action);
    return b;
  }
  function field(parent, cls, text) {
    if (text)
      parent.appendChild(el('p', cls, text));
  }
  function groupNames(a) {
    var names = [];
    for (var g = a.group; g >= 0; g = groups[g].parent)
      names.push(groups[g].name);
    return names.join(', ');
  }

  var about = Array.prototype.slice.call(details.childNodes);
  function showAbout() {
    details.replaceChildren.apply(details, about);
    details.classList.remove('rg-chosen');
  }

  function showActor(i) {
    var a = actors[i], box = doc.createDocumentFragment();
    box.appendChild(el('h2', null, a.name));
    field(box, 'rg-role', a.role);
    field(box, 'rg-kind', a.kind);
    if (a.group >= 0)
      field(box, 'rg-groups', 'In: ' + groupNames(a));
    if (a.aliases.length)
      field(box, 'rg-aliases', 'Also known as: ' + a.aliases.join(', '));
    field(box, 'rg-note', a.note);
    if (a.url) {
      var p = el('p', 'rg-url');
      p.appendChild(link(a.url, a.url));
      box.appendChild(p);
    }
    box.appendChild(sourcesList(a.sources));
    var mine = a.ties.filter(function (ti) { return shownTie[ti]; });
    if (mine.length) {
      box.appendChild(el('h3', null, 'Ties'));
      var ul = el('ul', 'rg-ties');
      mine.forEach(function (ti) {
        var t = ties[ti], li = el('li');
        li.appendChild(button(t.text + (t.label ? ' \u2014 ' + t.label : ''),
                              function () { select({ type: 'tie', index: ti }); }));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    details.replaceChildren(box);
    details.classList.add('rg-chosen');
  }

  function showTie(i) {
    var t = ties[i], box = doc.createDocumentFragment();
    box.appendChild(el('h2', null, t.text));
    field(box, 'rg-label', t.label);
    var when = [t.when, t.status, t.weight ? 'weight ' + t.weight + ' of 5' : '']
      .filter(function (s) { return s; }).join(', ');
    field(box, 'rg-when', when);
    field(box, 'rg-note', t.note);
    box.appendChild(sourcesList(t.sources));
    box.appendChild(el('h3', null, 'Between'));
    var ul = el('ul', 'rg-parties');
    t.parties.forEach(function (p) {
      var li = el('li');
      li.appendChild(button(actors[p].name, function () { setFocus(p, true); }));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    if (t.over >= 0) {
      box.appendChild(el('h3', null, 'Over'));
      var over = el('ul', 'rg-over'), li = el('li');
      li.appendChild(button(actors[t.over].name, function () { setFocus(t.over, true); }));
      over.appendChild(li);
      box.appendChild(over);
    }
    details.replaceChildren(box);
    details.classList.add('rg-chosen');
  }

  function select(s) {
    selected = s;
    if (!s)
      showAbout();
    else if (s.type === 'actor')
      showActor(s.index);
    else
      showTie(s.index);
    update();
  }

  /* ---- focus and the URL fragment ---------------------------------------- */

  function setFragment(hash) {
    var url = location.href.replace(/#.*$/, '') + hash;
    try {
      history.replaceState(null, '', url);
    } catch (e) {
      location.hash = hash;
    }
  }

  function setFocus(i, moveKeyboard) {
    focus = i;
    selected = { type: 'actor', index: i };
    setFragment('#' + actors[i].el);
    showActor(i);
    update();
    var target = actors[i].els[0];
    if (target) {
      if (moveKeyboard)
        target.focus({ preventScroll: true });
      reveal(target);
    }
  }

  /* Escape, "Show all": no focus, selection or search; with ALL, every
   * kind and every date too. */
  function reset(all) {
    focus = -1;
    query = '';
    var search = doc.getElementById('rg-search');
    if (search)
      search.value = '';
    if (all) {
      kindOn = kinds.map(function () { return true; });
      doc.querySelectorAll('#rg-kinds input[data-kind]').forEach(function (c) {
        c.checked = true;
      });
      setDate(-1);
    }
    setFragment('');
    select(null);
  }

  function fromFragment() {
    var id = decodeURIComponent(location.hash.slice(1));
    for (var i = 0; i < actors.length; i++)
      if (actors[i].el === id) {
        setFocus(i, false);
        return;
      }
  }

  /* ---- pan and zoom: the SVG's viewBox ---------------------------------- */

  /* The fitted view is the SVG's own viewBox, as written; without one,
   * what every layer draws (the layers hold the drawing between them). */
  var written = (svg.getAttribute('viewBox') || '').split(/[\s,]+/).map(Number);
  if (written.length !== 4 || written.some(isNaN)) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    layers.forEach(function (s) {
      var b = s.getBBox();
      if (b.width || b.height) {
        x0 = Math.min(x0, b.x);
        y0 = Math.min(y0, b.y);
        x1 = Math.max(x1, b.x + b.width);
        y1 = Math.max(y1, b.y + b.height);
      }
    });
    written = x0 <= x1 ? [x0, y0, x1 - x0, y1 - y0] : [0, 0, 0, 0];
  }
  var home = { x: written[0], y: written[1], w: written[2], h: written[3] };
  var view = { x: home.x, y: home.y, w: home.w, h: home.h };
  layers.forEach(function (s) {
    s.removeAttribute('width');
    s.removeAttribute('height');
  });

  function setView(v) {
    /* From 1/4 of the fitted size to 60 times it. */
    var k = v.w / home.w;
    if (k > 4 || k < 1 / 60)
      return;
    view = v;
    var text = v.x + ' ' + v.y + ' ' + v.w + ' ' + v.h;
    layers.forEach(function (s) { s.setAttribute('viewBox', text); });
  }
  function fit() {
    setView({ x: home.x, y: home.y, w: home.w, h: home.h });
  }
  /* Pixels per drawing unit, and the drawing's point under a client point. */
  function scale() {
    var r = svg.getBoundingClientRect();
    return Math.min(r.width / view.w, r.height / view.h) || 1;
  }
  function toDrawing(cx, cy) {
    var r = svg.getBoundingClientRect(), s = scale();
    var ox = (r.width - view.w * s) / 2, oy = (r.height - view.h * s) / 2;
    return { x: view.x + (cx - r.left - ox) / s, y: view.y + (cy - r.top - oy) / s };
  }
  function zoomAt(k, cx, cy) {
    var p = toDrawing(cx, cy);
    setView({ x: p.x - (p.x - view.x) / k, y: p.y - (p.y - view.y) / k,
              w: view.w / k, h: view.h / k });
  }
  function zoomCentre(k) {
    var r = svg.getBoundingClientRect();
    zoomAt(k, r.left + r.width / 2, r.top + r.height / 2);
  }
  function panBy(dx, dy) {
    var s = scale();
    setView({ x: view.x - dx / s, y: view.y - dy / s, w: view.w, h: view.h });
  }
  /* Bring EL into the window if it is out of it. */
  function reveal(target) {
    var r = target.getBoundingClientRect(), v = svg.getBoundingClientRect();
    if (r.width === 0 && r.height === 0)
      return;
    if (r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom)
      return;
    panBy(v.left + v.width / 2 - (r.left + r.width / 2),
          v.top + v.height / 2 - (r.top + r.height / 2));
  }

  stage.addEventListener('wheel', function (e) {
    e.preventDefault();
    var dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    zoomAt(Math.exp(-dy * 0.002), e.clientX, e.clientY);
  }, { passive: false });

  /* Mouse, pen and touch: one pointer pans, two pinch. A drag is not a
   * click. */
  var pointers = new Map(), dragged = false, pinch = null;
  stage.addEventListener('pointerdown', function (e) {
    if (e.button !== 0)
      return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY, x0: e.clientX, y0: e.clientY });
    if (pointers.size === 1)
      dragged = false;
    if (pointers.size === 2) {
      var pts = Array.from(pointers.values());
      pinch = Math.hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y);
    }
  });
  stage.addEventListener('pointermove', function (e) {
    var p = pointers.get(e.pointerId);
    if (!p)
      return;
    if (!dragged && Math.hypot(e.clientX - p.x0, e.clientY - p.y0) > 4) {
      dragged = true;
      stage.setPointerCapture(e.pointerId);
      stage.classList.add('rg-dragging');
    }
    if (pointers.size === 2) {
      var other = Array.from(pointers.entries()).filter(function (kv) {
        return kv[0] !== e.pointerId;
      })[0][1];
      var d = Math.hypot(e.clientX - other.x, e.clientY - other.y);
      if (pinch && d > 0)
        zoomAt(d / pinch, (e.clientX + other.x) / 2, (e.clientY + other.y) / 2);
      pinch = d;
    } else if (dragged) {
      panBy(e.clientX - p.x, e.clientY - p.y);
    }
    p.x = e.clientX;
    p.y = e.clientY;
  });
  function pointerEnd(e) {
    pointers.delete(e.pointerId);
    if (pointers.size < 2)
      pinch = null;
    if (pointers.size === 0)
      stage.classList.remove('rg-dragging');
  }
  stage.addEventListener('pointerup', pointerEnd);
  stage.addEventListener('pointercancel', pointerEnd);

  /* ---- clicks and keys --------------------------------------------------- */

  function objectOf(node) {
    for (; node && node !== stage; node = node.parentNode)
      if (owner.has(node))
        return owner.get(node);
    return null;
  }

  stage.addEventListener('click', function (e) {
    /* The drawing's links open from the panel, not from a click on it. */
    e.preventDefault();
    if (dragged) {
      dragged = false;
      return;
    }
    var o = objectOf(e.target);
    if (o && o.type === 'actor')
      setFocus(o.index, false);
    else if (o)
      select(o);
  });

  function typing(t) {
    return t && (t.isContentEditable || t.tagName === 'TEXTAREA' ||
                 (t.tagName === 'INPUT' && (t.type === 'search' || t.type === 'text')));
  }

  doc.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey)
      return;
    if (e.key === 'Escape') {
      reset(false);
      return;
    }
    if (typing(e.target))
      return;
    var o = objectOf(e.target);
    if ((e.key === 'Enter' || e.key === ' ') && o && o.type === 'actor') {
      e.preventDefault();
      setFocus(o.index, true);
      return;
    }
    var inStage = e.target === stage || stage.contains(e.target);
    var step = 60;
    switch (e.key) {
    case '+': case '=': zoomCentre(1.25); break;
    case '-': case '_': zoomCentre(0.8); break;
    case '0': fit(); break;
    case 'ArrowLeft': if (!inStage) return; panBy(step, 0); break;
    case 'ArrowRight': if (!inStage) return; panBy(-step, 0); break;
    case 'ArrowUp': if (!inStage) return; panBy(0, step); break;
    case 'ArrowDown': if (!inStage) return; panBy(0, -step); break;
    default: return;
    }
    e.preventDefault();
  });

  /* ---- the controls ------------------------------------------------------- */

  doc.querySelectorAll('#rg-kinds input[data-kind]').forEach(function (box) {
    var i = kinds.findIndex(function (k) { return k.id === box.dataset.kind; });
    box.addEventListener('change', function () {
      timed(function () {
        kindOn[i] = box.checked;
        update();
      });
    });
  });

  var slider = doc.getElementById('rg-date');
  var allDates = doc.getElementById('rg-all-dates');
  function setDate(i) {
    dateAt = i;
    if (allDates)
      allDates.checked = i < 0;
    if (slider && i >= 0)
      slider.value = String(i);
  }
  if (slider) {
    slider.addEventListener('input', function () {
      timed(function () {
        setDate(+slider.value);
        update();
      });
    });
    allDates.addEventListener('change', function () {
      timed(function () {
        setDate(allDates.checked ? -1 : +slider.value);
        update();
      });
    });
  }

  var search = doc.getElementById('rg-search');
  search.addEventListener('input', function () {
    query = search.value;
    update();
  });
  search.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter')
      return;
    e.preventDefault();
    var q = fold(search.value.trim());
    for (var i = 0; q && i < actors.length; i++)
      if (shownActor[i] && actors[i].find.indexOf(q) >= 0) {
        setFocus(i, true);
        return;
      }
  });

  doc.getElementById('rg-zoom-in').addEventListener('click', function () { zoomCentre(1.25); });
  doc.getElementById('rg-zoom-out').addEventListener('click', function () { zoomCentre(0.8); });
  doc.getElementById('rg-fit').addEventListener('click', fit);
  doc.getElementById('rg-reset').addEventListener('click', function () { reset(true); });

  window.addEventListener('hashchange', fromFragment);

  /* ---- start ------------------------------------------------------------- */

  doc.getElementById('rg-controls').hidden = false;
  details.querySelectorAll('.rg-hint[hidden]').forEach(function (p) { p.hidden = false; });
  about = Array.prototype.slice.call(details.childNodes);
  update();
  fromFragment();

  /* For tests and make bench: the rule of --as-of on tie I at DATE, and the
   * time the last change took. */
  api.asOf = function (i, date) {
    var at = parseDate(date);
    return at ? inForce(ties[i].period, at) : null;
  };
  window.relgraphViewer = api;
})();
