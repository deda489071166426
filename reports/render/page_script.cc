#include "reports/render/page_assets.h"

namespace sipconf::reports {

// The HTML fragments inserted here are rendered (and escaped) by sipconf itself; the
// script only moves them into place, so no captured text is ever interpreted as markup.
std::string_view page_script() {
  return R"js(
(function () {
  'use strict';
  const $ = (selector) => document.querySelector(selector);
  const rows = Array.from(document.querySelectorAll('tr.case-row'));
  const statusBoxes = Array.from(document.querySelectorAll('.status-filter input'));
  const peerSelect = $('#f-peer');
  const behaviourSelect = $('#f-behaviour');
  const searchBox = $('#f-text');
  const panel = $('#msg-panel');
  const panelBody = $('#panel-body');
  const panelTitle = $('#panel-title');
  const payloads = new Map();
  const routeKeys = ['case', 'msg', 'status', 'peer', 'behaviour', 'q'];

  // Case details live in inert JSON blocks (one per case, id "case-N") and are parsed
  // on first use only.
  function payload(index) {
    if (!payloads.has(index)) {
      const block = document.getElementById('case-' + index);
      payloads.set(index, block ? JSON.parse(block.textContent) : {details: '', messages: []});
    }
    return payloads.get(index);
  }

  function hashParams() { return new URLSearchParams(location.hash.slice(1)); }

  function writeHash(params) {
    const text = params.toString();
    history.replaceState(null, '', text ? '#' + text : location.pathname + location.search);
  }

  function updateHash(changes) {
    const params = hashParams();
    for (const key of Array.from(params.keys())) {
      if (!routeKeys.includes(key)) params.delete(key);
    }
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') params.delete(key); else params.set(key, value);
    }
    writeHash(params);
  }

  function setSelect(select, value) {
    if (!select) return;
    if (value && !Array.from(select.options).some((o) => o.value === value)) {
      select.add(new Option(value, value));
    }
    select.value = value;
  }

  function detailOf(row) {
    const next = row.nextElementSibling;
    return next && next.classList.contains('detail-row') ? next : null;
  }

  function applyFilters() {
    const statuses = new Set(statusBoxes.filter((b) => b.checked).map((b) => b.value));
    const peer = peerSelect ? peerSelect.value : '';
    const behaviour = behaviourSelect ? behaviourSelect.value : '';
    const query = searchBox ? searchBox.value.trim().toLowerCase() : '';
    let shown = 0;
    for (const row of rows) {
      const visible = statuses.has(row.dataset.status) &&
          (!peer || row.dataset.peers.split(' ').includes(peer)) &&
          (!behaviour || row.dataset.behaviours.split(' ').includes(behaviour)) &&
          (!query || row.textContent.toLowerCase().includes(query));
      row.hidden = !visible;
      const detail = detailOf(row);
      if (detail) detail.hidden = !visible;
      if (visible) shown++;
    }
    const count = $('#f-count');
    if (count) count.textContent = shown + ' of ' + rows.length + ' cases';
    const none = $('#no-match');
    if (none) none.hidden = shown !== 0 || rows.length === 0;
  }

  function filtersChanged() {
    applyFilters();
    const unchecked = statusBoxes.some((b) => !b.checked);
    updateHash({
      status: unchecked ? statusBoxes.filter((b) => b.checked).map((b) => b.value).join(',') : null,
      peer: peerSelect ? peerSelect.value : null,
      behaviour: behaviourSelect ? behaviourSelect.value : null,
      q: searchBox ? searchBox.value.trim() : null,
    });
  }

  function openCase(row, scroll) {
    let detail = detailOf(row);
    if (!detail) {
      detail = document.createElement('tr');
      detail.className = 'detail-row';
      const cell = document.createElement('td');
      cell.colSpan = row.cells.length;
      const body = document.createElement('div');
      body.className = 'case-detail';
      body.dataset.case = row.dataset.case;
      body.innerHTML = payload(Number(row.dataset.case)).details;
      const legend = document.getElementById('ladder-legend');
      body.querySelectorAll('.legend-slot').forEach((slot) => {
        slot.replaceWith(legend.content.cloneNode(true));
      });
      cell.appendChild(body);
      detail.appendChild(cell);
      row.after(detail);
    }
    row.hidden = false;
    detail.hidden = false;
    row.setAttribute('aria-expanded', 'true');
    if (scroll) row.scrollIntoView({block: 'start'});
  }

  function closeCase(row) {
    const detail = detailOf(row);
    if (detail) detail.remove();
    row.setAttribute('aria-expanded', 'false');
  }

  function toggleCase(row) {
    if (row.getAttribute('aria-expanded') === 'true') {
      closeCase(row);
      closePanel();
      updateHash({case: null, msg: null});
    } else {
      openCase(row, false);
      updateHash({case: row.dataset.id, msg: null});
    }
  }

  function rowOf(index) { return rows.find((r) => Number(r.dataset.case) === index); }

  function openMessage(index, msg) {
    const messages = payload(index).messages;
    if (!(msg >= 0 && msg < messages.length)) return false;
    panelBody.innerHTML = messages[msg];
    panelTitle.textContent = 'Message #' + msg + ' of ' + rowOf(index).dataset.id;
    panel.hidden = false;
    panel.dataset.case = index;
    panel.dataset.msg = msg;
    document.querySelectorAll('.arrow.selected').forEach((a) => a.classList.remove('selected'));
    const detail = document.querySelector('.case-detail[data-case="' + index + '"]');
    const arrow = detail && detail.querySelector('.arrow[data-msg="' + msg + '"]');
    if (arrow) {
      arrow.classList.add('selected');
      arrow.scrollIntoView({block: 'nearest'});
    }
    updateHash({case: rowOf(index).dataset.id, msg: String(msg)});
    return true;
  }

  function closePanel() {
    if (panel.hidden) return;
    panel.hidden = true;
    document.querySelectorAll('.arrow.selected').forEach((a) => a.classList.remove('selected'));
    updateHash({msg: null});
  }

  // Applies `#case=<id>&msg=<n>` and the filter keys; other fragments (#cases) are
  // plain section anchors and left to the browser.
  function route() {
    const params = hashParams();
    if (!routeKeys.some((key) => params.has(key))) return;
    const statuses = params.get('status');
    statusBoxes.forEach((b) => { b.checked = !statuses || statuses.split(',').includes(b.value); });
    setSelect(peerSelect, params.get('peer') || '');
    setSelect(behaviourSelect, params.get('behaviour') || '');
    if (searchBox) searchBox.value = params.get('q') || '';
    applyFilters();
    const id = params.get('case');
    const row = id === null ? null : rows.find((r) => r.dataset.id === id);
    if (row) {
      openCase(row, true);
      const msg = params.get('msg');
      if (msg !== null && /^[0-9]+$/.test(msg)) openMessage(Number(row.dataset.case), Number(msg));
    } else if (id === null) {
      const cases = $('#cases');
      if (cases) cases.scrollIntoView({block: 'start'});
    }
  }

  document.addEventListener('click', (event) => {
    const target = event.target;
    const arrow = target.closest('.arrow[data-msg]');
    const opener = target.closest('[data-open-msg]');
    if (arrow || opener) {
      const detail = (arrow || opener).closest('.case-detail');
      if (detail) {
        event.preventDefault();
        const msg = Number(arrow ? arrow.dataset.msg : opener.dataset.openMsg);
        openMessage(Number(detail.dataset.case), msg);
      }
      return;
    }
    if (target.closest('#panel-close')) return closePanel();
    const row = target.closest('tr.case-row');
    if (row && !target.closest('a')) toggleCase(row);
  });

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') return closePanel();
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const focused = document.activeElement;
    if (focused && (focused.matches('tr.case-row') || focused.matches('.arrow[data-msg]'))) {
      event.preventDefault();
      focused.dispatchEvent(new MouseEvent('click', {bubbles: true}));
    }
  });

  statusBoxes.forEach((b) => b.addEventListener('change', filtersChanged));
  [peerSelect, behaviourSelect].forEach((s) => s && s.addEventListener('change', filtersChanged));
  if (searchBox) searchBox.addEventListener('input', filtersChanged);
  const onlyCovered = $('#only-covered');
  if (onlyCovered) {
    onlyCovered.addEventListener('change', () => {
      $('table.matrix').classList.toggle('only-covered', onlyCovered.checked);
    });
  }
  window.addEventListener('hashchange', route);

  applyFilters();
  route();
  document.body.dataset.height = String(document.documentElement.scrollHeight);
  document.body.dataset.ready = '1';
  document.body.dataset.readyMs = performance.now().toFixed(1);
})();
)js";
}

}  // namespace sipconf::reports
