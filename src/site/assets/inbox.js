// Wire inbox: keys to work the list (j/k o x p d / ?), a dialog before publishing or discarding,
// and new copy announced as it arrives. Without JavaScript the same forms ask on a page of
// their own and a link checks for new copy.
(function () {
  'use strict';
  var list = document.getElementById('triage-list');
  if (!list) return;
  var rows = Array.prototype.slice.call(list.querySelectorAll('.triage-row'));
  var current = -1;
  var live = document.createElement('p');
  live.className = 'visually-hidden';
  live.setAttribute('aria-live', 'polite');
  list.parentNode.insertBefore(live, list);
  var say = function (text) { live.textContent = text; };

  function move(to) {
    if (rows.length === 0) return;
    if (current >= 0 && rows[current]) rows[current].classList.remove('is-current');
    current = Math.max(0, Math.min(rows.length - 1, to));
    var row = rows[current];
    row.classList.add('is-current');
    var summary = row.querySelector('summary');
    if (summary) summary.focus();
    row.scrollIntoView({ block: 'nearest' });
  }

  function headlineOf(row) {
    var h = row.querySelector('.t-headline');
    return h ? h.textContent : '';
  }

  // ── The dialog before a publish or a discard ─────────────────────────────
  var dialog = document.createElement('dialog');
  dialog.id = 'triage-confirm';
  dialog.setAttribute('aria-labelledby', 'triage-confirm-title');
  var title = document.createElement('h2');
  title.id = 'triage-confirm-title';
  var names = document.createElement('ul');
  var yes = document.createElement('button');
  yes.type = 'button';
  var no = document.createElement('button');
  no.type = 'button';
  no.textContent = 'Cancel';
  var buttons = document.createElement('p');
  buttons.appendChild(yes);
  buttons.appendChild(document.createTextNode(' '));
  buttons.appendChild(no);
  dialog.appendChild(title);
  dialog.appendChild(names);
  dialog.appendChild(buttons);
  document.body.appendChild(dialog);
  var pending = null;
  no.addEventListener('click', function () { pending = null; dialog.close(); });
  yes.addEventListener('click', function () {
    if (!pending) return;
    var form = pending.form;
    var add = function (name, value) {
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.appendChild(input);
    };
    add('action', pending.action);
    add('confirmed', 'yes');
    pending = null;
    dialog.close();
    form.submit();
  });

  function chosenHeadlines(form) {
    if (form.id !== 'bulk') {
      var row = form.closest('.triage-row');
      return row ? [headlineOf(row)] : [];
    }
    return rows.filter(function (r) { var c = r.querySelector('.pick'); return c && c.checked; }).map(headlineOf);
  }

  function ask(form, action) {
    var headlines = chosenHeadlines(form);
    if (headlines.length === 0) { say('Choose at least one story first (x, or its box).'); return; }
    if (typeof dialog.showModal !== 'function') { form.submit(); return; }
    var verb = action === 'publish' ? 'Publish' : 'Discard';
    title.textContent = verb + ' ' + headlines.length + (headlines.length === 1 ? ' story?' : ' stories?');
    names.textContent = '';
    headlines.slice(0, 10).forEach(function (h) {
      var li = document.createElement('li');
      li.textContent = h;
      names.appendChild(li);
    });
    if (headlines.length > 10) {
      var more = document.createElement('li');
      more.textContent = '… and ' + (headlines.length - 10) + ' more';
      names.appendChild(more);
    }
    yes.textContent = 'Yes, ' + action;
    pending = { form: form, action: action };
    dialog.showModal();
    yes.focus();
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var submitter = event.submitter;
    if (!form.hasAttribute('data-confirm') || !submitter) return;
    var action = submitter.value;
    if (action !== 'publish' && action !== 'discard') return;
    event.preventDefault();
    ask(form, action);
  });

  // ── Keys ─────────────────────────────────────────────────────────────────
  var help = document.getElementById('triage-help');
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (target && target.isContentEditable)) {
      if (event.key === 'Escape' && target.blur) target.blur();
      return;
    }
    if (dialog.open || (help && help.open)) return;
    var row = rows[current];
    switch (event.key) {
      case 'j': move(current + 1); break;
      case 'k': move(current < 0 ? 0 : current - 1); break;
      case 'o': if (row) window.location.href = row.getAttribute('data-edit'); break;
      case 'x': {
        var pick = row && row.querySelector('.pick');
        if (pick) { pick.checked = !pick.checked; say((pick.checked ? 'Chosen: ' : 'Not chosen: ') + headlineOf(row)); }
        break;
      }
      case 'p':
      case 'd': {
        if (!row) { say('Move to a story first (j).'); break; }
        var button = row.querySelector('button[data-key="' + event.key + '"]');
        if (!button) { say((event.key === 'p' ? 'Publish' : 'Discard') + ' is not possible for this story now.'); break; }
        ask(button.form, button.value);
        break;
      }
      case '/': {
        var search = document.getElementById('f-q');
        if (search) search.focus();
        break;
      }
      case '?': if (help && typeof help.showModal === 'function') help.showModal(); break;
      default: return;
    }
    event.preventDefault();
  });

  // ── New copy, as it arrives ──────────────────────────────────────────────
  var arrivals = document.getElementById('arrivals');
  if (arrivals && window.EventSource && arrivals.getAttribute('data-events')) {
    var source = new EventSource(arrivals.getAttribute('data-events'));
    source.addEventListener('arrivals', function (event) {
      var count = 0;
      try { count = JSON.parse(event.data).count; } catch (e) { return; }
      if (!count) return;
      var link = arrivals.querySelector('a');
      link.href = arrivals.getAttribute('data-show');
      link.textContent = count + ' new — show';
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }
})();
