/* global document, window, location, performance, setTimeout, clearTimeout */
// The matrix page's renderer (plain browser JS, inlined by reporters/matrix/html.ts). Reads the
// data embedded once (#op-data, shape: reporters/matrix/page-data.ts) and renders the front page
// at once, areas only when opened, evidence only when a cell is clicked — so a full catalog opens
// fast. When the front page is ready it sets <html data-usable="ms since navigation start">.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('op-data').textContent);
  var E = D.engines;
  var GLYPH = { open: '●', partial: '◐', closed: '✕', state: '◆', none: '·' };
  var VLABEL = D.labels.verdicts;
  // Worst first: a grid cell holding several scenarios takes the colour of its worst verdict.
  var SEVERITY = ['error', 'fail', 'fixed-deviation', 'timeout', 'inconclusive', 'not-run', 'known-deviation', 'pass'];
  var NO_RESULT = { timeout: 1, inconclusive: 1, 'not-run': 1, error: 1 };
  var CLAIM_LABEL = D.labels.claims;
  var PAGE = 50;

  function $(id) {
    return document.getElementById(id);
  }
  function esc(s) {
    return String(s === undefined || s === null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function json(v) {
    return '<pre>' + esc(JSON.stringify(v, null, 1)) + '</pre>';
  }
  function link(url, text) {
    return /^https?:\/\//.test(url) ? '<a href="' + esc(url) + '" rel="noreferrer" target="_blank">' + esc(text) + '</a>' : esc(text);
  }
  function verdictOf(cell) {
    return cell ? D.verdicts[cell.v] : 'not-run';
  }
  function vbadge(v) {
    return '<span class="vb v-' + esc(v) + '">' + esc(VLABEL[v] || v) + '</span>';
  }
  function wordOf(cell) {
    return cell ? D.words[cell.o] : ['not run', 'none'];
  }
  function glyph(tone) {
    return '<span class="g t-' + tone + '">' + (GLYPH[tone] || '·') + '</span>';
  }
  function abbr(e) {
    return e.charAt(0).toUpperCase();
  }
  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many || one + 's');
  }

  /** Beside the outcome: what the standard expects, when this engine does something else. */
  function standardNote(si, cell, short) {
    var v = verdictOf(cell);
    if (!cell || v === 'pass' || NO_RESULT[v]) return '';
    if (v === 'fixed-deviation') return short ? '' : '<div class="x">the recorded deviation no longer happens</div>';
    var s = D.scen[si];
    if (s.xo === undefined || s.xo === cell.o) {
      // Same word as the standard: the difference is a detail (a count, the cookies carried), named by the first mismatch.
      var first =
        cell.m && cell.m[0]
          ? cell.m[0].replace(/^evidence\.[^.]+\./, 'server saw ').replace(/^([^:]+): expected (.*), observed (.*)$/, '$1 $3 (standard: $2)')
          : '';
      if (short) return ' <span class="x" title="' + esc(first || 'differs from the standard in details') + '">≈</span>';
      return (
        '<div class="x">same outcome as the standard' +
        (first ? ', but <b>' + esc(first.length > 90 ? first.slice(0, 89) + '…' : first) + '</b>' : '; details differ') +
        '</div>'
      );
    }
    var w = D.words[s.xo][0];
    return short ? ' <span class="x">≠ ' + esc(w) + '</span>' : '<div class="x">standard: <b>' + esc(w) + '</b></div>';
  }

  /**
   * One engine's result for one scenario: an element keyed for the evidence panel, coloured by
   * the verdict, naming the outcome. `line`: the compact form for grids (engine initial first).
   */
  function outcomeCell(tag, si, ei, line) {
    var cell = D.cells[si][ei];
    var v = verdictOf(cell);
    var w = wordOf(cell);
    var title = E[ei] + ': ' + (VLABEL[v] || v) + (line ? ' — ' + D.scen[si].t : '');
    return (
      '<' +
      tag +
      ' class="' +
      (line ? 'el' : 'c') +
      ' v-' +
      esc(v) +
      '" data-k="' +
      si +
      ':' +
      ei +
      '" title="' +
      esc(title) +
      '">' +
      (line ? '<b class="en">' + abbr(E[ei]) + '</b>' : '') +
      glyph(w[1]) +
      '<span class="w">' +
      esc(w[0]) +
      '</span>' +
      standardNote(si, cell, line) +
      '</' +
      tag +
      '>'
    );
  }

  function cellTd(si, ei) {
    return outcomeCell('td', si, ei, false);
  }

  function engineLine(si, ei) {
    return outcomeCell('div', si, ei, true);
  }

  function notPlainPass(si) {
    for (var ei = 0; ei < E.length; ei++) if (verdictOf(D.cells[si][ei]) !== 'pass') return true;
    return false;
  }

  /** A scenario as a row: title, id, claims, one cell per engine. Only an area's own rows are link targets (#s-<id>); other lists name the area. */
  function scenarioRow(si, anchored) {
    var s = D.scen[si];
    var claims = (s.c || [])
      .map(function (c) {
        return '<a href="#c-' + esc(c) + '">' + esc(c) + '</a>';
      })
      .join(' ');
    var cells = '';
    for (var ei = 0; ei < E.length; ei++) cells += cellTd(si, ei);
    return (
      '<tr' +
      (anchored ? ' id="s-' + esc(s.id) + '"' : '') +
      ' data-si="' +
      si +
      '" class="' +
      (s.d ? 'dis ' : '') +
      (notPlainPass(si) ? 'np' : '') +
      '"><td class="sc"><div class="t">' +
      (s.d ? '<span class="ne" title="engines disagree">≠</span> ' : '') +
      esc(s.t) +
      '</div><code>' +
      esc(s.id) +
      '</code> ' +
      (anchored ? '' : '<a class="mut" href="#s-' + esc(s.id) + '">' + esc(D.areas[s.a].name) + '</a> ') +
      claims +
      '</td>' +
      cells +
      '</tr>'
    );
  }

  function scenarioTable(list, anchored) {
    var head = '<tr><th>scenario</th>';
    for (var ei = 0; ei < E.length; ei++) head += '<th>' + esc(E[ei]) + '</th>';
    return (
      '<table class="list"><thead>' +
      head +
      '</tr></thead><tbody>' +
      list
        .map(function (si) {
          return scenarioRow(si, anchored);
        })
        .join('') +
      '</tbody></table>'
    );
  }

  /** A long list shows its first PAGE items and a button for the rest. */
  function paged(target, list, render) {
    var shown = Math.min(PAGE, list.length);
    target.innerHTML = render(list.slice(0, shown));
    if (list.length > shown) {
      var b = document.createElement('button');
      b.className = 'more';
      b.textContent = 'show all ' + list.length;
      b.addEventListener('click', function () {
        target.innerHTML = render(list);
      });
      target.appendChild(b);
    }
  }

  // ---------------------------------------------------------------- front page

  function renderDisagreements() {
    var el = $('disagree');
    el.classList.remove('pending');
    if (!D.dis.length) {
      el.innerHTML = '<p>Every engine reached the same verdict on every scenario.</p>';
      return;
    }
    var intro = document.createElement('p');
    intro.className = 'mut';
    intro.textContent =
      plural(D.dis.length, 'scenario') + ' where the engines do not reach the same verdict (each cell: what that engine did; click for the evidence).';
    var box = document.createElement('div');
    el.innerHTML = '';
    el.appendChild(intro);
    el.appendChild(box);
    paged(box, D.dis, function (l) {
      return scenarioTable(l);
    });
  }

  function renderDeviations() {
    var el = $('deviations');
    el.classList.remove('pending');
    if (!D.devs.length) {
      el.innerHTML = '<p>No scenario in this run has a recorded deviation.</p>';
      return;
    }
    var html =
      '<p class="mut">Every deviation recorded in the catalog for the engines of this run: why, and the bug or position it rests on.</p><ul class="devs">';
    var order = D.devs
      .map(function (d, i) {
        return i;
      })
      .sort(function (a, b) {
        return D.devs[a].e - D.devs[b].e || D.devs[b].scen.length - D.devs[a].scen.length;
      });
    order.forEach(function (i) {
      var d = D.devs[i];
      var n = d.n;
      var parts = [];
      if (n['known-deviation']) parts.push('observed in ' + plural(n['known-deviation'], 'scenario'));
      if (n['fixed-deviation']) parts.push('<b>no longer happens</b> in ' + n['fixed-deviation']);
      Object.keys(n).forEach(function (v) {
        if (v !== 'known-deviation' && v !== 'fixed-deviation') parts.push(n[v] + ' ' + esc(VLABEL[v] || v));
      });
      html +=
        '<li><span class="e">' +
        esc(E[d.e]) +
        '</span>: ' +
        esc(D.str[d.r]) +
        ' — ' +
        link(D.str[d.l], D.str[d.l]) +
        ' <span class="mut">(' +
        parts.join(', ') +
        ')</span> <details><summary>' +
        plural(d.scen.length, 'scenario') +
        '</summary>' +
        d.scen
          .map(function (si) {
            return '<div>' + engineLine(si, d.e) + ' <a href="#s-' + esc(D.scen[si].id) + '"><code>' + esc(D.scen[si].id) + '</code></a></div>';
          })
          .join('') +
        '</details></li>';
    });
    el.innerHTML = html + '</ul>';
  }

  function renderAttention() {
    var el = $('attention');
    el.classList.remove('pending');
    var list = [];
    D.cells.forEach(function (row, si) {
      row.forEach(function (cell, ei) {
        var v = verdictOf(cell);
        if (v !== 'pass' && v !== 'known-deviation') list.push([si, ei]);
      });
    });
    if (!list.length) {
      el.innerHTML = '<p>Nothing: every result is a pass or a recorded deviation.</p>';
      return;
    }
    var intro =
      '<p class="mut">Results that are neither a pass nor a recorded deviation: failures, deviations that no longer happen, and results that prove nothing.</p>';
    el.innerHTML = intro + '<div></div>';
    paged(el.lastChild, list, function (l) {
      return (
        '<table><thead><tr><th>scenario</th><th>engine</th><th>verdict</th><th>outcome</th><th>reason</th></tr></thead><tbody>' +
        l
          .map(function (p) {
            var cell = D.cells[p[0]][p[1]];
            return (
              '<tr><td class="sc"><div class="t">' +
              esc(D.scen[p[0]].t) +
              '</div><code>' +
              esc(D.scen[p[0]].id) +
              '</code></td><td>' +
              esc(E[p[1]]) +
              '</td><td>' +
              vbadge(verdictOf(cell)) +
              '</td>' +
              cellTd(p[0], p[1]) +
              '<td class="x">' +
              esc(cell ? D.str[cell.r] : 'no result for this engine') +
              '</td></tr>'
            );
          })
          .join('') +
        '</tbody></table>'
      );
    });
  }

  function renderClaimsSummary() {
    var el = $('claims-body');
    el.classList.remove('pending');
    var C = D.claims;
    var counts = E.map(function () {
      return C.statuses.map(function () {
        return 0;
      });
    });
    C.rows.forEach(function (c) {
      c.st.forEach(function (st, ei) {
        counts[ei][st[0]]++;
      });
    });
    var html = '<table class="counts"><thead><tr><th>engine</th>';
    C.statuses.forEach(function (s) {
      html += '<th class="cs-' + s + '">' + esc(CLAIM_LABEL[s] || s) + '</th>';
    });
    html += '</tr></thead><tbody>';
    E.forEach(function (e, ei) {
      html += '<tr><th>' + esc(e) + '</th>' + counts[ei].map((n) => '<td>' + n + '</td>').join('') + '</tr>';
    });
    html +=
      '</tbody></table><details id="claims-table"><summary>the ' +
      C.rows.length +
      ' claims, per engine</summary><div class="body"></div></details><p class="mut">Each engine deviation among a claim’s scenarios is judged against the claim’s own words (reporters/claims-verdicts.ts); an unjudged one shows as “deviates”.</p>';
    el.innerHTML = html;
    $('claims-table').addEventListener('toggle', function () {
      if (this.open && !this.dataset.done) {
        this.dataset.done = '1';
        this.querySelector('.body').innerHTML = claimsTable();
      }
    });
  }

  function claimsTable() {
    var C = D.claims;
    return C.sections
      .map(function (sec, k) {
        var rows = C.rows.filter(function (c) {
          return c.sec === k;
        });
        var head = '<tr><th>claim</th><th>text</th><th>scenarios</th>';
        E.forEach(function (e) {
          head += '<th>' + esc(e) + '</th>';
        });
        return (
          '<h3>' +
          esc(sec) +
          '</h3><table class="claims"><thead>' +
          head +
          '</tr></thead><tbody>' +
          rows
            .map(function (c) {
              var notes =
                (c.contra ? '<div class="x">The standard contradicts this claim: where the engine follows the standard, the claim does not hold.</div>' : '') +
                (c.n ? '<div class="x">' + esc(c.n) + '</div>' : '') +
                (c.no ? '<div class="x">Not observable from a page: ' + esc(c.no) + '</div>' : '');
              var sc = c.sc.length
                ? '<details><summary>' +
                  c.sc.length +
                  '</summary>' +
                  c.sc
                    .map(function (si) {
                      return '<div><a href="#s-' + esc(D.scen[si].id) + '"><code>' + esc(D.scen[si].id) + '</code></a></div>';
                    })
                    .join('') +
                  '</details>'
                : '<span class="mut">none</span>';
              return (
                '<tr id="c-' +
                esc(c.id) +
                '"><th>' +
                esc(c.id) +
                '</th><td>' +
                (esc(c.t) || '<span class="mut">(not in the seed list)</span>') +
                notes +
                '</td><td>' +
                sc +
                '</td>' +
                c.st
                  .map(function (st) {
                    var s = C.statuses[st[0]];
                    return '<td class="st cs-' + s + '"><b>' + esc(CLAIM_LABEL[s] || s) + '</b><div class="x">' + esc(st[1]) + '</div></td>';
                  })
                  .join('') +
                '</tr>'
              );
            })
            .join('') +
          '</tbody></table>'
        );
      })
      .join('');
  }

  function verdictCounts(list) {
    var n = {};
    list.forEach(function (si) {
      for (var ei = 0; ei < E.length; ei++) {
        var v = verdictOf(D.cells[si][ei]);
        n[v] = (n[v] || 0) + 1;
      }
    });
    return SEVERITY.slice()
      .reverse()
      .filter(function (v) {
        return n[v];
      })
      .map(function (v) {
        return '<span class="vb v-' + v + '" title="' + esc(VLABEL[v]) + '">' + n[v] + '</span>';
      })
      .join(' ');
  }

  function renderAreaList() {
    var el = $('area-list');
    el.classList.remove('pending');
    el.innerHTML = D.areas
      .map(function (a, ai) {
        var dis = a.scen.filter(function (si) {
          return D.scen[si].d;
        }).length;
        var fams = D.families.filter(function (f) {
          return f.area === ai;
        }).length;
        return (
          '<details class="area" id="area-' +
          esc(a.name) +
          '" data-a="' +
          ai +
          '"><summary><b>' +
          esc(a.name) +
          '</b> <span class="mut">' +
          plural(a.scen.length, 'scenario') +
          (fams ? ', ' + plural(fams, 'grid') : '') +
          (dis ? ', engines disagree on ' + dis : '') +
          '</span><span class="mini">' +
          verdictCounts(a.scen) +
          '</span></summary><div class="body"></div></details>'
        );
      })
      .join('');
    el.addEventListener(
      'toggle',
      function (ev) {
        var d = ev.target;
        if (d.classList && d.classList.contains('area') && d.open) renderArea(d);
      },
      true,
    );
  }

  // ---------------------------------------------------------------- areas and grids

  function renderArea(d) {
    if (d.dataset.done) return;
    d.dataset.done = '1';
    var ai = Number(d.dataset.a);
    var a = D.areas[ai];
    var inFamily = {};
    var html = '';
    D.families.forEach(function (f, fi) {
      if (f.area !== ai) return;
      f.members.forEach(function (si) {
        inFamily[si] = 1;
      });
      html +=
        '<div class="family" data-f="' +
        fi +
        '"><h3>' +
        esc(f.title) +
        '</h3><p class="mut">' +
        esc(f.note) +
        '</p>' +
        pickers(f) +
        '<div class="gridbox"></div></div>';
    });
    var rest = a.scen.filter(function (si) {
      return !inFamily[si];
    });
    if (rest.length) html += (html ? '<h3>Other scenarios of ' + esc(a.name) + '</h3>' : '') + scenarioTable(rest, true);
    d.querySelector('.body').innerHTML = html;
    var boxes = d.querySelectorAll('.family');
    for (var i = 0; i < boxes.length; i++) drawFamily(boxes[i]);
  }

  function pickers(f) {
    function select(role, chosen, optional) {
      var opts = optional ? '<option value="">—</option>' : '';
      f.axes.forEach(function (ax) {
        opts +=
          '<option value="' +
          esc(ax.name) +
          '"' +
          (ax.name === chosen ? ' selected' : '') +
          '>' +
          esc(ax.label) +
          (ax.side ? ' (' + ax.side + ')' : '') +
          '</option>';
      });
      return '<select data-role="' + role + '">' + opts + '</select>';
    }
    return (
      '<div class="pick">rows ' +
      select('r0', f.rows[0], false) +
      ' then ' +
      select('r1', f.rows[1] || '', true) +
      ' · columns ' +
      select('c0', f.cols[0], false) +
      ' then ' +
      select('c1', f.cols[1] || '', true) +
      ' <span class="mut">(axes not chosen are gathered inside each cell)</span></div>'
    );
  }

  function chosen(box, role) {
    var s = box.querySelector('select[data-role="' + role + '"]');
    return s && s.value ? [s.value] : [];
  }

  function drawFamily(box) {
    var fi = Number(box.dataset.f);
    var rows = chosen(box, 'r0').concat(chosen(box, 'r1'));
    rows = rows.filter(function (a, i) {
      return rows.indexOf(a) === i;
    });
    var cols = chosen(box, 'c0')
      .concat(chosen(box, 'c1'))
      .filter(function (a, i, all) {
        return rows.indexOf(a) < 0 && all.indexOf(a) === i;
      });
    box.querySelector('.gridbox').innerHTML = cols.length ? gridHtml(fi, rows, cols) : '<p class="mut">Pick a column axis that is not already a row axis.</p>';
    if (!box.dataset.wired) {
      box.dataset.wired = '1';
      box.addEventListener('change', function (ev) {
        if (ev.target.tagName === 'SELECT') drawFamily(box);
      });
    }
  }

  var GRID_CELLS = {};

  // long: a family grid built in one pass (axes, cells, headers) in a browser script without modules
  function gridHtml(fi, rowAxes, colAxes) {
    var f = D.families[fi];
    var idx = {};
    f.axes.forEach(function (a, i) {
      idx[a.name] = i;
    });
    var ri = rowAxes.map(function (n) {
      return idx[n];
    });
    var ci = colAxes.map(function (n) {
      return idx[n];
    });
    var cells = {};
    var rk = {};
    var ck = {};
    f.members.forEach(function (si) {
      var lv = D.scen[si].f[1];
      var r = ri.map(function (i) {
        return lv[i];
      });
      var c = ci.map(function (i) {
        return lv[i];
      });
      rk[r.join(',')] = r;
      ck[c.join(',')] = c;
      var key = r.join(',') + '|' + c.join(',');
      (cells[key] = cells[key] || []).push(si);
    });
    GRID_CELLS[fi] = cells;
    function order(map) {
      return Object.keys(map)
        .map(function (k) {
          return map[k];
        })
        .sort(function (a, b) {
          for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
          return 0;
        });
    }
    var R = order(rk);
    var C = order(ck);
    function name(axis, level) {
      return f.axes[axis].names[level];
    }
    var head = '';
    ci.forEach(function (axis, depth) {
      head += '<tr>';
      if (depth === 0)
        head +=
          '<th class="ax" colspan="' +
          ri.length +
          '" rowspan="' +
          ci.length +
          '">' +
          ri
            .map(function (i) {
              return esc(f.axes[i].label);
            })
            .join(' / ') +
          ' ↓ · ' +
          ci
            .map(function (i) {
              return esc(f.axes[i].label);
            })
            .join(' / ') +
          ' →</th>';
      var k = 0;
      while (k < C.length) {
        var span = 1;
        while (k + span < C.length && C[k + span].slice(0, depth + 1).join(',') === C[k].slice(0, depth + 1).join(',')) span++;
        head += '<th colspan="' + span + '">' + esc(name(axis, C[k][depth])) + '</th>';
        k += span;
      }
      head += '</tr>';
    });
    var body = '';
    R.forEach(function (r, n) {
      body += '<tr>';
      r.forEach(function (level, depth) {
        // Group the first row axis with rowspan, like a spec table.
        if (depth === 0 && ri.length > 1) {
          if (n > 0 && R[n - 1][0] === level) return;
          var span = 1;
          while (n + span < R.length && R[n + span][0] === level) span++;
          body += '<th rowspan="' + span + '">' + esc(name(ri[0], level)) + '</th>';
        } else body += '<th>' + esc(name(ri[depth], level)) + '</th>';
      });
      C.forEach(function (c) {
        var key = r.join(',') + '|' + c.join(',');
        body += gridCell(fi, key, cells[key] || []);
      });
      body += '</tr>';
    });
    return '<table class="grid"><thead>' + head + '</thead><tbody>' + body + '</tbody></table>';
  }

  function gridCell(fi, key, list) {
    if (!list.length) return '<td class="gc empty" title="no scenario with these levels"></td>';
    var dis = list.some(function (si) {
      return D.scen[si].d;
    });
    var np = list.some(notPlainPass);
    var cls = 'gc' + (dis ? ' dis' : '') + (np ? ' np' : '');
    if (list.length === 1) {
      var one = '';
      for (var ei = 0; ei < E.length; ei++) one += engineLine(list[0], ei);
      return '<td class="' + cls + '" id="g-' + esc(D.scen[list[0]].id) + '">' + one + '</td>';
    }
    var html = '';
    for (var e = 0; e < E.length; e++) {
      var counts = {};
      var worst = SEVERITY.length - 1;
      list.forEach(function (si) {
        var cell = D.cells[si][e];
        var w = wordOf(cell);
        counts[w[0]] = counts[w[0]] || [0, w[1]];
        counts[w[0]][0]++;
        worst = Math.min(worst, SEVERITY.indexOf(verdictOf(cell)) < 0 ? 0 : SEVERITY.indexOf(verdictOf(cell)));
      });
      html +=
        '<div class="el v-' +
        SEVERITY[worst] +
        '" data-cell="' +
        fi +
        '|' +
        esc(key) +
        '"><b class="en">' +
        abbr(E[e]) +
        '</b>' +
        Object.keys(counts)
          .map(function (w) {
            return glyph(counts[w][1]) + '<span class="w">' + esc(w) + '</span> ×' + counts[w][0];
          })
          .join(' · ') +
        '</div>';
    }
    return '<td class="' + cls + '">' + html + '<a class="n" data-cell="' + fi + '|' + esc(key) + '">' + list.length + ' scenarios</a></td>';
  }

  // ---------------------------------------------------------------- the panel: evidence on demand

  function openPanel(html) {
    $('panel-body').innerHTML = html;
    $('panel').hidden = false;
    $('panel').scrollTop = 0;
  }

  function evidenceTable(ev) {
    var h =
      '<table class="ev"><tr><th>response</th><th>arrived</th><th>preflight</th><th>actual</th><th>methods</th><th>Origin</th><th>cookies</th><th>Sec-Fetch-Site / Mode</th></tr>';
    Object.keys(ev).forEach(function (n) {
      var e = ev[n];
      h +=
        '<tr><td><code>' +
        esc(n) +
        '</code></td><td>' +
        (e.arrived ? 'yes ×' + esc(e.count || 1) : 'no') +
        '</td><td>' +
        (e.preflight
          ? 'yes ×' +
            esc(e.preflightCount || 1) +
            (e.acrMethod ? ' <code>' + esc(e.acrMethod) + '</code>' : '') +
            (e.acrHeaders ? ' <code>' + esc(e.acrHeaders) + '</code>' : '')
          : 'no') +
        '</td><td>' +
        (e.actual ? 'yes ×' + esc(e.actualCount || 1) : 'no') +
        '</td><td>' +
        esc((e.methods || []).join(' ')) +
        '</td><td>' +
        esc(e.origin || '') +
        '</td><td>' +
        esc((e.cookies || []).join(' ') || 'none') +
        '</td><td>' +
        esc((e.secFetchSite || '—') + ' / ' + (e.secFetchMode || '—')) +
        '</td></tr>';
    });
    return h + '</table>';
  }

  function val(i) {
    return i === undefined ? undefined : D.vals[i];
  }

  /** A logged request back from its tuple (page-data.ts REQUEST_FIELDS). */
  function request(t) {
    var out = {};
    D.requestFields.forEach(function (f, i) {
      var v = t[i];
      if (v === null || v === undefined) return;
      out[f[0]] = f[1] === 'n' ? v : f[1] === 's' ? D.str[v] : D.vals[v];
    });
    return out;
  }

  // long: the cell panel's sections in display order, in a browser script without modules
  function showCell(si, ei) {
    var s = D.scen[si];
    var x = val(s.x) || {};
    var cell = D.cells[si][ei];
    var v = verdictOf(cell);
    var others = '';
    for (var e = 0; e < E.length; e++) others += engineLine(si, e);
    var h =
      '<h3>' +
      esc(s.t) +
      '</h3><p><code>' +
      esc(s.id) +
      '</code> · ' +
      esc(D.areas[s.a].name) +
      ' · probe ' +
      esc(s.p) +
      (s.c ? ' · claims ' + s.c.map(esc).join(' ') : '') +
      '</p><div class="others">' +
      others +
      '</div><h3>' +
      esc(E[ei]) +
      ': ' +
      vbadge(v) +
      ' ' +
      glyph(wordOf(cell)[1]) +
      esc(wordOf(cell)[0]) +
      '</h3>';
    if (!cell) return openPanel(h + '<p>This engine has no result for this scenario.</p>');
    if (cell.ow !== undefined) h += '<p class="mut">observation, for what it is worth: ' + esc(D.words[cell.ow][0]) + '</p>';
    h += '<p>' + esc(D.str[cell.r]) + '</p>';
    h +=
      '<div class="grid2"><div><b>the standard expects</b>' +
      (s.xo !== undefined ? ' (' + esc(D.words[s.xo][0]) + ')' : '') +
      (x.blocked ? ' — a block' : '') +
      json(x.observation === undefined ? null : x.observation) +
      (x.evidence ? '<b>and the server to see</b>' + json(x.evidence) : '') +
      '</div><div><b>observed</b>' +
      json(cell.ob === undefined ? null : val(cell.ob)) +
      '</div></div>';
    if (cell.m)
      h +=
        '<b>differences from the standard</b><ul>' +
        cell.m
          .map(function (m) {
            return '<li><code>' + esc(m) + '</code></li>';
          })
          .join('') +
        '</ul>';
    if (cell.dv !== undefined) {
      var d = D.devs[cell.dv];
      h += '<b>recorded deviation</b>: ' + esc(D.str[d.r]) + ' — ' + link(D.str[d.l], D.str[d.l]) + json(val(cell.dvo));
    }
    if (cell.ct)
      h +=
        '<b>control</b>: the same probe where it must succeed — ' +
        (cell.ct[1] ? 'succeeded' : '<b>FAILED</b>, so this result proves nothing') +
        '<div class="grid2"><div>expected' +
        json(val(s.cx) === undefined ? null : val(s.cx)) +
        '</div><div>observed' +
        json(val(cell.ct[0])) +
        '</div></div>';
    if (cell.ev !== undefined) h += '<b>server evidence</b>' + evidenceTable(val(cell.ev));
    if (cell.rq) h += '<details><summary>' + plural(cell.rq.length, 'logged request') + '</summary>' + json(cell.rq.map(request)) + '</details>';
    h +=
      '<b>standard</b><ul>' +
      s.s
        .map(function (c) {
          return '<li>' + link(D.cites[c][0], D.cites[c][1]) + '</li>';
        })
        .join('') +
      '</ul>';
    if (cell.vi)
      h +=
        '<p class="mut">visit ' +
        esc(D.str[cell.vi[0]]) +
        ' (' +
        esc(cell.vi[1]) +
        ' probes, ' +
        esc(cell.vi[2]) +
        ' ms' +
        (cell.vi[3] ? '; run twice: ' + esc(cell.vi[3].join(', ')) : '') +
        ')</p>';
    openPanel(h);
  }

  function showList(fi, key) {
    var list = (GRID_CELLS[fi] || {})[key] || [];
    openPanel('<h3>' + esc(D.families[fi].title) + '</h3><p class="mut">' + plural(list.length, 'scenario') + ' in this cell.</p>' + scenarioTable(list));
  }

  // ---------------------------------------------------------------- search, filters, links

  var searchTimer;
  function search() {
    var q = $('q').value.trim().toLowerCase();
    var out = $('q-results');
    if (!q) {
      out.innerHTML = '';
      $('q-count').textContent = '';
      return;
    }
    var hits = [];
    D.scen.forEach(function (s, si) {
      var words = D.cells[si]
        .map(function (c) {
          return wordOf(c)[0];
        })
        .join(' ');
      if ((s.id + ' ' + s.t + ' ' + (s.c || []).join(' ') + ' ' + s.p + ' ' + words).toLowerCase().indexOf(q) >= 0) hits.push(si);
    });
    $('q-count').textContent = plural(hits.length, 'scenario') + ' match';
    paged(out, hits, function (l) {
      return scenarioTable(l);
    });
  }

  function reveal() {
    var h = decodeURIComponent(location.hash.slice(1));
    if (h.indexOf('s-') === 0) {
      var id = h.slice(2);
      for (var si = 0; si < D.scen.length; si++) {
        if (D.scen[si].id !== id) continue;
        var d = $('area-' + D.areas[D.scen[si].a].name);
        if (d) {
          d.open = true;
          renderArea(d);
          var t = $('s-' + id) || $('g-' + id) || d;
          t.scrollIntoView({ block: 'center' });
        }
        showCell(si, 0);
        return;
      }
    } else if (h.indexOf('c-') === 0 && $('claims-table')) {
      $('claims-table').open = true;
      setTimeout(function () {
        var t = $(h);
        if (t) t.scrollIntoView({ block: 'center' });
      }, 0);
    } else if (h.indexOf('area-') === 0 && $(h)) {
      $(h).open = true;
    }
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!t.closest) return;
    var k = t.closest('[data-k]');
    if (k) {
      var p = k.getAttribute('data-k').split(':');
      showCell(Number(p[0]), Number(p[1]));
      return;
    }
    var c = t.closest('[data-cell]');
    if (c) {
      var q = c.getAttribute('data-cell');
      var bar = q.indexOf('|');
      showList(Number(q.slice(0, bar)), q.slice(bar + 1));
    }
  });
  $('panel-close').addEventListener('click', function () {
    $('panel').hidden = true;
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') $('panel').hidden = true;
  });
  $('q').addEventListener('input', function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, 120);
  });
  $('show').addEventListener('change', function () {
    document.body.classList.toggle('show-dis', this.value === 'dis');
    document.body.classList.toggle('show-np', this.value === 'dev');
  });
  window.addEventListener('hashchange', reveal);

  renderDisagreements();
  renderDeviations();
  renderAttention();
  renderClaimsSummary();
  renderAreaList();
  reveal();
  performance.mark('op-usable');
  document.documentElement.setAttribute('data-usable', String(Math.round(performance.now())));
})();
