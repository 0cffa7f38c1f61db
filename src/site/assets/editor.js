// Newsroom editor: turns the body textarea into a small rich-text editor and saves drafts
// automatically. Without JavaScript the textarea and the Save button do the same job.
(function () {
  'use strict';
  var textarea = document.getElementById('body');
  var form = textarea && textarea.form;
  if (!form || !document.execCommand) return;

  var editor = document.createElement('div');
  editor.className = 'rich-editor';
  editor.contentEditable = 'true';
  editor.setAttribute('role', 'textbox');
  editor.setAttribute('aria-multiline', 'true');
  editor.setAttribute('aria-labelledby', 'body-label');
  editor.innerHTML = textarea.value;

  var toolbar = document.createElement('div');
  toolbar.className = 'rich-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Formatting');
  var buttons = [
    ['Paragraph', 'formatBlock', 'p'], ['Heading 2', 'formatBlock', 'h2'], ['Heading 3', 'formatBlock', 'h3'],
    ['Bold', 'bold'], ['Italic', 'italic'], ['Bulleted list', 'insertUnorderedList'], ['Numbered list', 'insertOrderedList'],
    ['Quote', 'formatBlock', 'blockquote'], ['Link', 'createLink'], ['Remove link', 'unlink'],
    ['Image', 'insertImage'], ['Video', 'insertVideo'],
  ];
  var escapeAttr = function (t) { return String(t).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;'); };
  buttons.forEach(function (b) {
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = b[0];
    button.addEventListener('click', function () {
      editor.focus();
      if (b[1] === 'createLink') {
        var url = window.prompt('Link address (https://…)');
        if (url && /^https?:\/\//i.test(url)) document.execCommand('createLink', false, url);
      } else if (b[1] === 'insertImage') {
        var src = window.prompt('Image address from the media library (/media/960/…)');
        var alt = src && window.prompt('What the image shows (alternative text)');
        if (src && alt && /^(\/media\/|https:\/\/)/.test(src)) document.execCommand('insertHTML', false, '<figure><img src="' + escapeAttr(src) + '" alt="' + escapeAttr(alt) + '"></figure><p></p>');
      } else if (b[1] === 'insertVideo') {
        var link = window.prompt('YouTube address');
        var m = link && /(?:youtu\.be\/|v=|embed\/)([A-Za-z0-9_-]{11})/.exec(link);
        if (m) document.execCommand('insertHTML', false, '<iframe src="https://www.youtube-nocookie.com/embed/' + m[1] + '" title="Video" width="560" height="315" allowfullscreen></iframe><p></p>');
      } else {
        document.execCommand(b[1], false, b[2] || null);
      }
      sync();
    });
    toolbar.appendChild(button);
  });

  var label = document.querySelector('label[for="body"]');
  if (label) label.id = 'body-label';
  textarea.hidden = true;
  textarea.parentNode.insertBefore(toolbar, textarea);
  textarea.parentNode.insertBefore(editor, textarea);

  var dirty = false;
  function sync() {
    textarea.value = editor.innerHTML;
    dirty = true;
  }
  editor.addEventListener('input', sync);
  form.addEventListener('input', function () { dirty = true; });
  form.addEventListener('submit', function () { textarea.value = editor.innerHTML; dirty = false; });

  // Autosave drafts every 20 seconds while something changed.
  var status = document.createElement('p');
  status.className = 'autosave';
  status.setAttribute('role', 'status');
  form.appendChild(status);
  var autosaveUrl = form.getAttribute('data-autosave');
  if (!autosaveUrl || !window.fetch) return;
  var stopped = false;
  setInterval(function () {
    if (!dirty || stopped) return;
    dirty = false;
    textarea.value = editor.innerHTML;
    fetch(autosaveUrl, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin' })
      .then(function (res) { return res.json().then(function (data) { return { ok: res.ok, data: data }; }); })
      .then(function (r) {
        if (r.ok) {
          form.querySelector('input[name=version]').value = String(r.data.version);
          status.textContent = 'Draft saved at ' + r.data.savedAt + '.';
        } else {
          stopped = true;
          status.textContent = r.data.error || 'Not saved.';
        }
      })
      .catch(function () { dirty = true; status.textContent = 'Could not save just now; will try again.'; });
  }, 20000);
})();

// Countries picked by name: a name chosen from the list becomes a ticked box holding its ISO code.
// Without JavaScript the names in the field are looked up when the form is saved.
(function () {
  'use strict';
  var picker = document.querySelector('[data-country-picker]');
  if (!picker) return;
  var input = picker.querySelector('#countryNames');
  var chosen = picker.querySelector('[data-chosen]');
  var codeOf = {};
  Array.prototype.forEach.call(picker.querySelectorAll('datalist option'), function (o) { codeOf[o.value.toLowerCase()] = o.getAttribute('data-code'); });
  input.addEventListener('input', function () {
    var name = input.value.trim();
    var code = codeOf[name.toLowerCase()];
    if (!code) return;
    var existing = chosen.querySelector('input[value="' + code + '"]');
    if (existing) {
      existing.checked = true;
    } else {
      var label = document.createElement('label');
      label.className = 'check';
      var box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'countries';
      box.value = code;
      box.checked = true;
      var text = document.createElement('span');
      text.textContent = name;
      label.appendChild(box);
      label.appendChild(document.createTextNode(' '));
      label.appendChild(text);
      chosen.appendChild(label);
    }
    input.value = '';
  });
})();

// The hero image's focal point: a click on the image sets the two numbers (and shows where).
(function () {
  'use strict';
  var frame = document.querySelector('[data-focal-frame]');
  var form = document.querySelector('[data-focal-form]');
  if (!frame || !form) return;
  var image = frame.querySelector('[data-focal-image]');
  var marker = frame.querySelector('[data-focal-marker]');
  var x = form.querySelector('input[name=x]');
  var y = form.querySelector('input[name=y]');
  function show() {
    marker.style.left = (Number(x.value) * 100) + '%';
    marker.style.top = (Number(y.value) * 100) + '%';
    marker.hidden = false;
  }
  image.addEventListener('click', function (event) {
    var box = image.getBoundingClientRect();
    var round = function (v) { return String(Math.round(Math.min(Math.max(v, 0), 1) * 100) / 100); };
    x.value = round((event.clientX - box.left) / box.width);
    y.value = round((event.clientY - box.top) / box.height);
    show();
  });
  x.addEventListener('input', show);
  y.addEventListener('input', show);
  show();
})();

// "Someone else is editing": the page says it is open every 30 s and shows who else has the story.
(function () {
  'use strict';
  var box = document.querySelector('[data-presence]');
  if (!box || !window.fetch) return;
  function beat() {
    var body = new URLSearchParams();
    body.append('_csrf', box.getAttribute('data-csrf'));
    fetch(box.getAttribute('data-presence'), { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (data) {
        if (!data) return;
        box.textContent = '';
        if (data.others.length) {
          var p = document.createElement('p');
          p.className = 'notice';
          p.textContent = 'Also open in another editor: ' + data.others.join(', ') + '. Save often; the later Save is refused if theirs came first.';
          box.appendChild(p);
        }
      })
      .catch(function () {});
  }
  setInterval(beat, 30000);
})();
