/*
 * Consult CRM web chat — embed with:
 *   <script src="https://crm.example.md/widget/chat.js" data-account="WEBHOOK_TOKEN_OF_THE_WEBCHAT_ACCOUNT" async></script>
 * Optional: data-title, data-color, data-lang (ro|ru|en). No framework needed on the host page; Socket.IO's client is
 * loaded from the CRM itself (/socket.io/socket.io.js). The visitor keeps one signed id in localStorage across reloads.
 */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[data-account][src*="/widget/chat.js"]');
  if (!script || window.__consultCrmChat) return;
  window.__consultCrmChat = true;
  var origin = new URL(script.src, location.href).origin;
  var account = script.getAttribute('data-account');
  var color = script.getAttribute('data-color') || '#1d4ed8';
  var lang = (script.getAttribute('data-lang') || document.documentElement.lang || 'ro').slice(0, 2);
  var TEXT = {
    ro: {
      title: 'Scrieți-ne',
      placeholder: 'Mesajul dvs…',
      send: 'Trimite',
      offline: 'Consultanții nu sunt online acum. Lăsați un mesaj și vă contactăm.',
      name: 'Nume',
      phone: 'Telefon',
      email: 'E-mail',
      typing: 'scrie…',
      file: 'Fișier',
      sent: 'Mulțumim! Vă contactăm în curând.',
    },
    ru: {
      title: 'Напишите нам',
      placeholder: 'Ваше сообщение…',
      send: 'Отправить',
      offline: 'Консультантов сейчас нет в сети. Оставьте сообщение — мы свяжемся с вами.',
      name: 'Имя',
      phone: 'Телефон',
      email: 'E-mail',
      typing: 'печатает…',
      file: 'Файл',
      sent: 'Спасибо! Мы скоро свяжемся с вами.',
    },
    en: {
      title: 'Chat with us',
      placeholder: 'Your message…',
      send: 'Send',
      offline: 'No consultant is online right now. Leave a message and we will contact you.',
      name: 'Name',
      phone: 'Phone',
      email: 'E-mail',
      typing: 'typing…',
      file: 'File',
      sent: 'Thank you! We will contact you soon.',
    },
  };
  var t = TEXT[lang] || TEXT.ro;
  var title = script.getAttribute('data-title') || t.title;
  var storageKey = 'consultcrm.visitor.' + account;
  var socket = null;
  var online = true;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var key in attrs || {}) {
      if (key === 'style') node.style.cssText = attrs[key];
      else if (key.indexOf('on') === 0) node.addEventListener(key.slice(2), attrs[key]);
      else node.setAttribute(key, attrs[key]);
    }
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  var log = el('div', { style: 'flex:1;overflow-y:auto;padding:8px;font:14px/1.4 system-ui,sans-serif' });
  var typingLine = el('div', { style: 'min-height:16px;padding:0 8px;font:12px system-ui;color:#64748b' });
  var input = el('textarea', {
    rows: '2',
    placeholder: t.placeholder,
    'aria-label': t.placeholder,
    style: 'flex:1;resize:none;border:1px solid #cbd5e1;border-radius:6px;padding:6px;font:14px system-ui',
  });
  var fileInput = el('input', {
    type: 'file',
    style: 'display:none',
    accept: 'image/*,application/pdf,.doc,.docx,.xls,.xlsx,.odt,.txt,audio/*',
  });
  var offlineFields = el(
    'div',
    { style: 'display:none;padding:8px;gap:4px;flex-direction:column;font:13px system-ui' },
    [
      el('div', {}, [t.offline]),
      el('input', { name: 'name', placeholder: t.name, 'aria-label': t.name, style: 'padding:6px' }),
      el('input', { name: 'phone', placeholder: t.phone, 'aria-label': t.phone, style: 'padding:6px' }),
      el('input', { name: 'email', type: 'email', placeholder: t.email, 'aria-label': t.email, style: 'padding:6px' }),
    ],
  );
  var panel = el(
    'div',
    {
      role: 'dialog',
      'aria-label': title,
      style:
        'display:none;position:fixed;right:16px;bottom:80px;width:320px;max-width:calc(100vw - 32px);height:440px;background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.2);flex-direction:column;overflow:hidden;z-index:2147483000',
    },
    [
      el('div', { style: 'background:' + color + ';color:#fff;padding:10px 12px;font:600 15px system-ui' }, [title]),
      offlineFields,
      log,
      typingLine,
      el(
        'form',
        {
          style: 'display:flex;gap:6px;padding:8px;border-top:1px solid #e2e8f0',
          onsubmit: function (e) {
            e.preventDefault();
            sendText();
          },
        },
        [
          el(
            'button',
            {
              type: 'button',
              title: t.file,
              'aria-label': t.file,
              style: 'border:0;background:none;font-size:18px;cursor:pointer',
              onclick: function () {
                fileInput.click();
              },
            },
            ['📎'],
          ),
          input,
          el(
            'button',
            {
              type: 'submit',
              style: 'border:0;border-radius:6px;background:' + color + ';color:#fff;padding:0 12px;cursor:pointer',
            },
            [t.send],
          ),
        ],
      ),
      fileInput,
    ],
  );
  var bubble = el(
    'button',
    {
      type: 'button',
      'aria-label': title,
      style:
        'position:fixed;right:16px;bottom:16px;width:56px;height:56px;border-radius:50%;border:0;background:' +
        color +
        ';color:#fff;font-size:24px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000',
      onclick: toggle,
    },
    ['💬'],
  );

  function toggle() {
    var open = panel.style.display === 'none';
    panel.style.display = open ? 'flex' : 'none';
    if (open) {
      connect();
      input.focus();
    }
  }

  function show(message) {
    var mine = message.direction === 'in';
    var text =
      message.text ||
      (message.attachments || [])
        .map(function (a) {
          return '📎 ' + (a.fileName || a.kind || 'file');
        })
        .join('\n');
    log.appendChild(
      el('div', { style: 'margin:4px 0;display:flex;justify-content:' + (mine ? 'flex-end' : 'flex-start') }, [
        el(
          'div',
          {
            style:
              'white-space:pre-wrap;max-width:80%;padding:6px 10px;border-radius:10px;background:' +
              (mine ? color + ';color:#fff' : '#f1f5f9;color:#0f172a'),
          },
          [text],
        ),
      ]),
    );
    log.scrollTop = log.scrollHeight;
  }

  function contactFields() {
    if (online) return {};
    var fields = {};
    ['name', 'phone', 'email'].forEach(function (n) {
      var value = offlineFields.querySelector('[name=' + n + ']').value.trim();
      if (value) fields[n] = value;
    });
    return fields;
  }

  function emitMessage(payload) {
    payload.clientMessageId = 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
    var fields = contactFields();
    for (var k in fields) payload[k] = fields[k];
    socket.emit('webchat:send', payload, function (ack) {
      if (ack && ack.ok) {
        show({ direction: 'in', text: payload.text, attachments: payload.attachments });
        if (!online) typingLine.textContent = t.sent;
      } else typingLine.textContent = (ack && ack.message) || 'Error';
    });
  }

  function sendText() {
    var text = input.value.trim();
    if (!text || !socket) return;
    input.value = '';
    emitMessage({ text: text });
  }

  fileInput.addEventListener('change', function () {
    var file = fileInput.files && fileInput.files[0];
    if (!file) return;
    var form = new FormData();
    form.append('file', file);
    fetch(origin + '/api/webchat/uploads', {
      method: 'POST',
      body: form,
      headers: { 'x-webchat-account': account, 'x-visitor-token': localStorage.getItem(storageKey) || '' },
    })
      .then(function (r) {
        return r.json().then(function (body) {
          return { ok: r.ok, body: body };
        });
      })
      .then(function (res) {
        if (!res.ok) {
          typingLine.textContent = res.body.message || 'Upload failed';
          return;
        }
        emitMessage({
          attachments: [
            {
              storageKey: res.body.storageKey,
              fileName: res.body.fileName,
              mimeType: res.body.mimeType,
              sizeBytes: res.body.sizeBytes,
            },
          ],
        });
      });
    fileInput.value = '';
  });

  var typingTimer = null;
  input.addEventListener('input', function () {
    if (!socket) return;
    if (!typingTimer) socket.emit('webchat:typing', { typing: true });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () {
      socket.emit('webchat:typing', { typing: false });
      typingTimer = null;
    }, 2000);
  });

  function connect() {
    if (socket) return;
    withSocketIo(function () {
      socket = window.io(origin + '/webchat', {
        auth: { account: account, visitorToken: localStorage.getItem(storageKey) || undefined },
        transports: ['websocket', 'polling'],
      });
      socket.on('webchat:ready', function (ready) {
        localStorage.setItem(storageKey, ready.visitorToken);
        online = ready.online;
        offlineFields.style.display = online ? 'none' : 'flex';
        log.innerHTML = '';
        (ready.history || []).forEach(show);
      });
      socket.on('webchat:message', function (message) {
        typingLine.textContent = '';
        show(message);
      });
      socket.on('webchat:typing', function (e) {
        typingLine.textContent = e.typing ? t.typing : '';
      });
    });
  }

  function withSocketIo(ready) {
    if (window.io) return ready();
    var loader = document.createElement('script');
    loader.src = origin + '/socket.io/socket.io.js';
    loader.onload = ready;
    document.head.appendChild(loader);
  }

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(bubble);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
