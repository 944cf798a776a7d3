/*
 * The host side of the Custom UI bridge, for the sandbox shell. Forge's real @forge/bridge
 * (bundled unchanged in the app's Custom UI) talks to its host through
 * `globalThis.__bridge.callBridge(name, payload)`; on a Jira site the host is Atlassian's page,
 * here it is this script, loaded into each app frame before the app's bundle. It answers from
 * the sandbox server on the same origin, which runs the app's resolvers as the signed-in user.
 */
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var contextPromise = null;
  function getContext() {
    if (!contextPromise) {
      contextPromise = fetch('/__sandbox/context' + window.location.search, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error('sandbox context unavailable (' + r.status + ')');
        return r.json();
      });
    }
    return contextPromise;
  }
  function toParent(type, payload) {
    var target = window.parent && window.parent !== window ? window.parent : window;
    target.postMessage({ type: type, payload: payload === undefined ? null : payload }, window.location.origin);
  }
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('forge-sandbox-events') : null;
  var listeners = {};
  if (channel) {
    channel.onmessage = function (m) {
      var l = listeners[m.data && m.data.event] || [];
      l.forEach(function (fn) { fn(m.data.payload); });
    };
  }
  function applyTheme() {
    var dark = params.get('theme') === 'dark' || (params.get('theme') !== 'light' && window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.setAttribute('data-color-mode', dark ? 'dark' : 'light');
    document.documentElement.setAttribute('data-theme', dark ? 'dark:dark light:light spacing:spacing typography:typography' : 'light:light dark:dark spacing:spacing typography:typography');
  }
  var handlers = {
    getContext: getContext,
    invoke: function (p) {
      return getContext().then(function (ctx) {
        return fetch('/__sandbox/invoke', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ functionKey: p.functionKey, payload: p.payload, context: { moduleKey: ctx.moduleKey, localId: ctx.localId, extension: ctx.extension, locale: ctx.locale } }),
        }).then(function (r) {
          return r.json().then(function (body) {
            if (!r.ok) throw new Error((body && body.message) || 'resolver failed (' + r.status + ')');
            return body.body;
          });
        });
      });
    },
    fetchProduct: function (p) {
      var init = p.fetchRequestInit || {};
      return fetch(p.restPath, { method: init.method || 'GET', headers: init.headers, body: init.body, credentials: 'same-origin' }).then(function (r) {
        return r.text().then(function (text) {
          var headers = {};
          r.headers.forEach(function (v, k) { headers[k] = v; });
          return { body: text, headers: headers, status: r.status, statusText: r.statusText, isAttachment: false };
        });
      });
    },
    submit: function (payload) { toParent('forge-sandbox:submit', payload); return Promise.resolve(); },
    close: function (payload) { toParent('forge-sandbox:close', payload); return Promise.resolve(); },
    refresh: function (payload) { toParent('forge-sandbox:refresh', payload); return Promise.resolve(); },
    open: function (p) {
      var url = typeof p === 'string' ? p : (p && (p.url || p.href)) || '/';
      (window.top || window).location.href = url;
      return Promise.resolve();
    },
    navigate: function (p) { return handlers.open(p); },
    reload: function () { (window.top || window).location.reload(); return Promise.resolve(); },
    enableTheming: function () { applyTheme(); return Promise.resolve(); },
    changeWindowTitle: function (p) { document.title = typeof p === 'string' ? p : (p && p.title) || document.title; return Promise.resolve(); },
    emit: function (p) { if (channel) channel.postMessage({ event: p.event, payload: p.payload }); return Promise.resolve(); },
    on: function (p) {
      (listeners[p.event] = listeners[p.event] || []).push(p.callback || function () {});
      return Promise.resolve({ unsubscribe: function () {} });
    },
    showFlag: function (p) { toParent('forge-sandbox:flag', { id: p && p.id, title: p && p.title, description: p && p.description }); return Promise.resolve(); },
  };
  window.__bridge = {
    callBridge: function (name, payload) {
      var h = handlers[name];
      if (h) return h(payload);
      // Telemetry, feature flags, frame ids…: nothing to do on a local machine.
      return Promise.resolve(undefined);
    },
  };
  applyTheme();
  // Every app frame takes the height its content needs, as Jira sizes the Custom UI frames it
  // hosts (issue panel, dashboard gadget, field editors, validator configuration): one report,
  // `forge-sandbox:resize`, which the shell page applies to the frame that sent it
  // (sandbox/shell/html.ts `page`). Jira's own mechanism is not documented (docs/unverified.md).
  if (typeof ResizeObserver === 'function') {
    var last = 0;
    var report = function () {
      // The content's height (not the frame's own, which scrollHeight never goes below), and any
      // open popup (list, menu, dialog, tooltip) that reaches further down.
      var root = document.getElementById('root') || document.body;
      var h = root.getBoundingClientRect().bottom + window.scrollY;
      var pops = document.querySelectorAll('[role=listbox],[role=menu],[role=dialog],[role=tooltip]');
      for (var i = 0; i < pops.length; i++) h = Math.max(h, pops[i].getBoundingClientRect().bottom + window.scrollY);
      h = Math.ceil(h) + 8;
      if (Math.abs(h - last) > 2) { last = h; toParent('forge-sandbox:resize', { height: h }); }
    };
    window.addEventListener('load', function () {
      var observer = new ResizeObserver(report);
      observer.observe(document.body);
      var root = document.getElementById('root');
      if (root) observer.observe(root);
      report();
      setInterval(report, 300);
    });
    // A list opens or closes on a click or a key: measure right after it.
    ['click', 'keyup'].forEach(function (t) { document.addEventListener(t, function () { setTimeout(report, 0); }, true); });
  }
})();
