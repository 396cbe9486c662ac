/*
 * Consult CRM landing-page form — embed with:
 *   <form data-consult-crm-lead> <input name="name"> <input name="phone"> <input name="email"> <textarea name="message"></textarea>
 *     <button>Send</button> </form>
 *   <script src="https://crm.example.md/widget/lead-form.js" async></script>
 * Every form marked data-consult-crm-lead is sent to POST /api/leads with the page's UTM parameters
 * (utm_source/medium/campaign/term/content, kept for the visit in sessionStorage), the referrer, a hidden honeypot
 * field, the time the form was on screen and, when the CRM requires one, an HMAC form token. No framework needed.
 */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[src*="/widget/lead-form.js"]');
  if (!script) return;
  var origin = new URL(script.src, location.href).origin;
  var UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];
  var STORE = 'consultcrm.utm';

  function utmOfVisit() {
    var params = new URLSearchParams(location.search);
    var found = {};
    UTM.forEach(function (k) {
      if (params.get(k)) found[k] = params.get(k);
    });
    try {
      if (Object.keys(found).length)
        sessionStorage.setItem(STORE, JSON.stringify({ utm: found, referrer: document.referrer }));
      var kept = JSON.parse(sessionStorage.getItem(STORE) || 'null');
      return kept || { utm: found, referrer: document.referrer };
    } catch (_error) {
      return { utm: found, referrer: document.referrer };
    }
  }

  function enhance(form) {
    if (form.__consultCrm) return;
    form.__consultCrm = true;
    var shownAt = Date.now();
    var formToken = null;
    fetch(origin + '/api/leads/form-token')
      .then(function (r) {
        return r.json();
      })
      .then(function (b) {
        formToken = b.formToken;
      })
      .catch(function () {});
    var trap = document.createElement('input');
    trap.name = 'website';
    trap.tabIndex = -1;
    trap.autocomplete = 'off';
    trap.setAttribute('aria-hidden', 'true');
    trap.style.cssText = 'position:absolute;left:-9999px;width:1px;height:1px;opacity:0';
    form.appendChild(trap);
    var status = document.createElement('div');
    status.setAttribute('role', 'status');
    form.appendChild(status);

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var visit = utmOfVisit();
      var body = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (typeof value === 'string') body.append(key, value);
      });
      for (var k in visit.utm) body.set(k, visit.utm[k]);
      if (visit.referrer) body.set('referrer', visit.referrer);
      body.set('pageUrl', location.href.split('#')[0]);
      body.set('elapsedMs', String(Date.now() - shownAt));
      if (formToken) body.set('formToken', formToken);
      form.querySelectorAll('[aria-invalid]').forEach(function (f) {
        f.removeAttribute('aria-invalid');
      });
      // form-urlencoded keeps this a "simple" cross-origin request (no preflight).
      fetch(origin + '/api/leads', { method: 'POST', body: body })
        .then(function (r) {
          return r.json().then(function (b) {
            return { ok: r.ok, body: b };
          });
        })
        .then(function (res) {
          if (res.ok) {
            form.reset();
            status.textContent = form.getAttribute('data-success') || 'Mulțumim! Vă contactăm în curând.';
            form.dispatchEvent(new CustomEvent('consultcrm:lead', { detail: { ok: true } }));
            return;
          }
          var fields = res.body.fields || {};
          Object.keys(fields).forEach(function (name) {
            var field = form.querySelector('[name="' + name + '"]');
            if (field) field.setAttribute('aria-invalid', 'true');
          });
          status.textContent = res.body.message || 'Error';
          form.dispatchEvent(new CustomEvent('consultcrm:lead', { detail: { ok: false, error: res.body } }));
        })
        .catch(function () {
          status.textContent = 'Network error, please try again.';
        });
    });
  }

  function start() {
    utmOfVisit();
    document.querySelectorAll('form[data-consult-crm-lead]').forEach(enhance);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
