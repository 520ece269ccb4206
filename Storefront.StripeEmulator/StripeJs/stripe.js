/*
 * Storefront Stripe emulator — Stripe.js stand-in (endive train, Checkout Sessions in elements UI mode).
 * Loaded instead of https://js.stripe.com/endive/stripe.js in emulator mode. Written for the emulator; it implements
 * only the surface described in STRIPE.md ("Stripe.js, endive train") and talks to the emulator's private client
 * endpoints at {base}/_js/checkout/… where {base} is derived from this script's own URL.
 *
 * Surface: Stripe(pk, {betas, emulatorServerUpdateTimeoutMs?}).initCheckoutElementsSdk({clientSecret, elementsOptions})
 *   → checkout (synchronous): on('change'), loadActions(), createPaymentElement(), createShippingAddressElement(),
 *   getPaymentElement(), getShippingAddressElement(), changeAppearance(), loadFonts().
 *   loadActions() → {type:'success', actions} | {type:'error', error}; actions: getSession(), runServerUpdate(fn),
 *   confirm({returnUrl?, email?}), updateEmail(email), updateShippingAddress({name, address}),
 *   updateShippingOption(id), updateLineItemQuantity({lineItem, quantity}), applyPromotionCode(code),
 *   removePromotionCode(); each resolves {type:'success', session} | {type:'error', error:{message, code}}, never rejects.
 *   The basil-era initCheckout throws. The session object has exactly the fields of StripeCheckoutSession
 *   (@stripe/stripe-js 10.x). emulatorServerUpdateTimeoutMs is emulator-only (tests); Stripe's is 20 s.
 *
 * Concurrency rule: client mutators, confirm and runServerUpdate run one at a time, in call order (a mutator called
 * while runServerUpdate is in flight waits for it to finish, then runs against the refreshed session).
 * Everything shown on screen is set with textContent / DOM properties, never innerHTML.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var scriptSrc = script && script.src ? script.src : '';
  var base = scriptSrc.replace(/\/js\/stripe\.js(?:[?#].*)?$/, '');
  if (!base || base === scriptSrc) {
    base = window.location.origin;
  }

  var SERVER_UPDATE_TIMEOUT_MS = 20000;
  var API_VERSION = '2026-10-28.endive';
  var SERVER_UPDATE_BETA = 'checkout_server_update_beta=v1';
  var COUNTRIES = [
    ['US', 'United States'], ['CA', 'Canada'], ['GB', 'United Kingdom'], ['DE', 'Germany'], ['FR', 'France'],
    ['JP', 'Japan'], ['IE', 'Ireland'], ['NL', 'Netherlands'], ['ES', 'Spain'], ['IT', 'Italy'], ['AU', 'Australia']
  ];

  // ------------------------------------------------------------------ helpers

  function camel(code) {
    if (!code) return code;
    return String(code).replace(/_([a-z])/g, function (_, c) { return c.toUpperCase(); });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'style') node.style.cssText = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    if (text != null) node.textContent = String(text);
    return node;
  }

  var idCounter = 0;
  function uid(prefix) {
    idCounter += 1;
    return 'sfemu-' + prefix + '-' + idCounter;
  }

  function luhn(digits) {
    var sum = 0;
    var dbl = false;
    for (var i = digits.length - 1; i >= 0; i--) {
      var d = digits.charCodeAt(i) - 48;
      if (dbl) { d *= 2; if (d > 9) d -= 9; }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 === 0;
  }

  function sameAddress(a, b) {
    if (!a || !b) return false;
    var keys = ['line1', 'line2', 'city', 'state', 'postal_code', 'country'];
    return (a.name || '') === (b.name || '') && keys.every(function (k) {
      return ((a.address || {})[k] || '') === ((b.address || {})[k] || '');
    });
  }

  function validEmail(email) {
    return typeof email === 'string' && email.length <= 254 && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email);
  }

  function resolveTarget(selectorOrElement) {
    var target = typeof selectorOrElement === 'string' ? document.querySelector(selectorOrElement) : selectorOrElement;
    if (!target || typeof target.appendChild !== 'function') {
      throw new Error('Stripe emulator: mount target not found: ' + String(selectorOrElement));
    }
    return target;
  }

  function makeFormatter(currency, locale) {
    var code = (currency || 'usd').toUpperCase();
    var fmt;
    try {
      fmt = new Intl.NumberFormat(locale || 'en-US', { style: 'currency', currency: code });
    } catch (e) {
      fmt = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    }
    var digits = fmt.resolvedOptions().maximumFractionDigits;
    var factor = Math.pow(10, digits);
    var format = function (minor) {
      var n = Number(minor || 0);
      return { minorUnitsAmount: n, amount: fmt.format(n / factor) };
    };
    format.divisor = factor;
    return format;
  }

  function Emitter() { this.handlers = {}; }
  Emitter.prototype.on = function (type, cb) {
    (this.handlers[type] = this.handlers[type] || []).push(cb);
  };
  Emitter.prototype.off = function (type, cb) {
    var list = this.handlers[type] || [];
    this.handlers[type] = list.filter(function (h) { return h !== cb; });
  };
  Emitter.prototype.emit = function (type, payload) {
    (this.handlers[type] || []).slice().forEach(function (h) {
      try { h(payload); } catch (e) { setTimeout(function () { throw e; }, 0); }
    });
  };

  // ------------------------------------------------------------------ styles (minimal, scoped by class)

  var styled = false;
  function ensureStyles() {
    if (styled) return;
    styled = true;
    var css =
      '.sfemu-el{border:2px dashed #c77d00;border-radius:6px;padding:.75rem;margin:.5rem 0;font:14px system-ui,sans-serif;background:#fffaf0}' +
      '.sfemu-note{margin:0 0 .5rem;font-weight:600;color:#8a5300}' +
      '.sfemu-row{display:flex;flex-direction:column;margin:.35rem 0;min-width:0}' +
      '.sfemu-row label{font-size:12px;color:#333;margin-bottom:2px}' +
      '.sfemu-row input,.sfemu-row select{padding:.35rem;border:1px solid #999;border-radius:4px;font:inherit;min-width:0;width:100%;box-sizing:border-box}' +
      '.sfemu-inline{display:flex;gap:.5rem}.sfemu-inline>.sfemu-row{flex:1}' +
      '.sfemu-err{color:#b00020;font-size:12px;min-height:1em;margin:.25rem 0 0}' +
      '.sfemu-backdrop{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;z-index:2147483647}' +
      '.sfemu-dialog{background:#fff;border-radius:8px;padding:1.25rem;max-width:26rem;font:14px system-ui,sans-serif;box-shadow:0 8px 30px rgba(0,0,0,.3)}' +
      '.sfemu-dialog button{margin:.5rem .5rem 0 0;padding:.4rem .8rem;font:inherit}';
    // A constructed stylesheet where supported (not blocked by a strict style-src CSP), else a <style> element.
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
      return;
    } catch (e) {
      // fall through
    }
    var style = el('style', { 'data-stripe-emulator': 'true' });
    style.textContent = css;
    (document.head || document.documentElement).appendChild(style);
  }

  function field(container, labelText, input) {
    var row = el('div', { 'class': 'sfemu-row' });
    var id = uid('f');
    input.id = id;
    var label = el('label', { 'for': id }, labelText);
    row.appendChild(label);
    row.appendChild(input);
    container.appendChild(row);
    return input;
  }

  // ------------------------------------------------------------------ elements

  function BaseElement(kind) {
    this.kind = kind;
    this.events = new Emitter();
    this.root = null;
    this.complete = false;
    this.destroyed = false;
  }
  BaseElement.prototype.on = function (type, cb) { this.events.on(type, cb); return this; };
  BaseElement.prototype.off = function (type, cb) { this.events.off(type, cb); return this; };
  BaseElement.prototype.unmount = function () {
    if (this.root && this.root.parentNode) this.root.parentNode.removeChild(this.root);
  };
  BaseElement.prototype.destroy = function () {
    this.unmount();
    this.root = null;
    this.destroyed = true;
    if (this.onDestroy) this.onDestroy();
  };
  BaseElement.prototype.mount = function (selectorOrElement) {
    if (this.destroyed) throw new Error('Stripe emulator: this element was destroyed.');
    ensureStyles();
    var target = resolveTarget(selectorOrElement);
    if (!this.root) this.root = this.render();
    target.appendChild(this.root);
    var self = this;
    setTimeout(function () { self.events.emit('ready', { elementType: self.kind }); }, 0);
    return this;
  };

  function PaymentElement() {
    BaseElement.call(this, 'payment');
    this.value = { number: '', expMonth: null, expYear: null, cvc: '' };
    this.error = null;
  }
  PaymentElement.prototype = Object.create(BaseElement.prototype);
  PaymentElement.prototype.render = function () {
    var self = this;
    var root = el('div', { 'class': 'sfemu-el', 'data-stripe-emulator': 'payment-element', 'role': 'group', 'aria-label': 'Test payment form' });
    root.appendChild(el('p', { 'class': 'sfemu-note' },
      'Test payment form \u2014 Storefront Stripe emulator. Use 4242 4242 4242 4242'));
    var number = field(root, 'Card number', el('input', { type: 'text', inputmode: 'numeric', autocomplete: 'cc-number', placeholder: '4242 4242 4242 4242', maxlength: '23' }));
    var inline = el('div', { 'class': 'sfemu-inline' });
    root.appendChild(inline);
    var expiry = field(inline, 'Expiry (MM / YY)', el('input', { type: 'text', inputmode: 'numeric', autocomplete: 'cc-exp', placeholder: 'MM / YY', maxlength: '7' }));
    var cvc = field(inline, 'CVC', el('input', { type: 'text', inputmode: 'numeric', autocomplete: 'cc-csc', placeholder: '123', maxlength: '4' }));
    var err = el('p', { 'class': 'sfemu-err', 'role': 'alert' });
    root.appendChild(err);

    function evaluate() {
      var digits = number.value.replace(/[\s-]/g, '');
      var exp = expiry.value.replace(/\s/g, '');
      var m = /^(\d{1,2})\/?(\d{2})$/.exec(exp);
      var cvcDigits = cvc.value.trim();
      var error = null;
      var numberOk = /^\d{12,19}$/.test(digits) && luhn(digits);
      if (digits.length >= 12 && /^\d+$/.test(digits) && !luhn(digits)) error = 'Your card number is incorrect.';
      else if (digits.length > 0 && !/^\d*$/.test(digits)) error = 'Your card number is incorrect.';
      var expOk = false;
      var month = null;
      var year = null;
      if (m) {
        month = parseInt(m[1], 10);
        year = 2000 + parseInt(m[2], 10);
        var now = new Date();
        if (month < 1 || month > 12) error = error || "Your card's expiration date is incomplete.";
        else if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) error = error || "Your card's expiration year is in the past.";
        else expOk = true;
      }
      var cvcOk = /^\d{3,4}$/.test(cvcDigits);
      self.value = { number: digits, expMonth: month, expYear: year, cvc: cvcDigits };
      self.error = error;
      self.complete = numberOk && expOk && cvcOk;
      err.textContent = error || '';
      self.events.emit('change', { elementType: 'payment', complete: self.complete, empty: !digits && !exp && !cvcDigits, value: { type: 'card' } });
      if (self.onChange) self.onChange();
    }
    [number, expiry, cvc].forEach(function (input) {
      input.addEventListener('input', evaluate);
      input.addEventListener('change', evaluate);
    });
    return root;
  };
  PaymentElement.prototype.incompleteMessage = function () {
    if (this.error) return this.error;
    var v = this.value;
    if (!v.number) return 'Your card number is incomplete.';
    if (!/^\d{12,19}$/.test(v.number)) return 'Your card number is incomplete.';
    if (!v.expMonth) return "Your card's expiration date is incomplete.";
    if (!/^\d{3,4}$/.test(v.cvc)) return "Your card's security code is incomplete.";
    return 'Your card details are incomplete.';
  };

  function AddressElement(mode) {
    BaseElement.call(this, 'address');
    this.mode = mode;
    this.value = null;
  }
  AddressElement.prototype = Object.create(BaseElement.prototype);
  AddressElement.prototype.render = function () {
    var self = this;
    var root = el('div', { 'class': 'sfemu-el', 'data-stripe-emulator': 'address-element', 'role': 'group', 'aria-label': 'Test shipping address form' });
    root.appendChild(el('p', { 'class': 'sfemu-note' }, 'Test shipping address form \u2014 Storefront Stripe emulator'));
    var name = field(root, 'Full name', el('input', { type: 'text', autocomplete: 'shipping name' }));
    var line1 = field(root, 'Address line 1', el('input', { type: 'text', autocomplete: 'shipping address-line1' }));
    var line2 = field(root, 'Address line 2', el('input', { type: 'text', autocomplete: 'shipping address-line2' }));
    var inline = el('div', { 'class': 'sfemu-inline' });
    root.appendChild(inline);
    var city = field(inline, 'City', el('input', { type: 'text', autocomplete: 'shipping address-level2' }));
    var state = field(inline, 'State / Province', el('input', { type: 'text', autocomplete: 'shipping address-level1' }));
    var postal = field(inline, 'Postal code', el('input', { type: 'text', autocomplete: 'shipping postal-code' }));
    var country = el('select', { autocomplete: 'shipping country' });
    COUNTRIES.forEach(function (c) {
      var opt = el('option', { value: c[0] }, c[1]);
      country.appendChild(opt);
    });
    field(root, 'Country', country);

    function evaluate() {
      var v = {
        name: name.value.trim(),
        address: {
          line1: line1.value.trim(),
          line2: line2.value.trim() || null,
          city: city.value.trim(),
          state: state.value.trim() || null,
          postal_code: postal.value.trim(),
          country: country.value
        }
      };
      self.value = v;
      self.complete = !!(v.name && v.address.line1 && v.address.city && v.address.postal_code && v.address.country);
      self.events.emit('change', { elementType: 'address', elementMode: self.mode, complete: self.complete, isNewAddress: true, value: v });
      if (self.onChange) self.onChange();
    }
    [name, line1, line2, city, state, postal, country].forEach(function (input) {
      input.addEventListener('input', evaluate);
      input.addEventListener('change', evaluate);
    });
    return root;
  };
  AddressElement.prototype.getValue = function () {
    return Promise.resolve({ complete: this.complete, isNewAddress: true, value: this.value });
  };

  // ------------------------------------------------------------------ authentication dialog

  function authenticate() {
    ensureStyles();
    return new Promise(function (resolve) {
      var backdrop = el('div', { 'class': 'sfemu-backdrop' });
      var titleId = uid('auth-title');
      var dialog = el('div', { 'class': 'sfemu-dialog', 'role': 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId });
      dialog.appendChild(el('h2', { id: titleId, style: 'margin:0 0 .5rem;font-size:1.1rem' }, 'Authenticate payment (test)'));
      dialog.appendChild(el('p', null,
        'Storefront Stripe emulator: this test card requires authentication (3D Secure). Choose the outcome.'));
      var ok = el('button', { type: 'button' }, 'Complete authentication');
      var fail = el('button', { type: 'button' }, 'Fail authentication');
      dialog.appendChild(ok);
      dialog.appendChild(fail);
      backdrop.appendChild(dialog);
      document.body.appendChild(backdrop);
      function done(result) {
        if (backdrop.parentNode) backdrop.parentNode.removeChild(backdrop);
        resolve(result);
      }
      ok.addEventListener('click', function () { done('completed'); });
      fail.addEventListener('click', function () { done('failed'); });
      ok.focus();
    });
  }

  // ------------------------------------------------------------------ session snapshot (StripeCheckoutSession)

  function sumTaxes(lists, f) {
    var byKey = {};
    var order = [];
    lists.forEach(function (taxes) {
      (taxes || []).forEach(function (t) {
        var key = t.display_name + '|' + t.percentage + '|' + t.inclusive;
        if (!byKey[key]) {
          byKey[key] = { display_name: t.display_name, percentage: t.percentage, inclusive: t.inclusive, amount: 0 };
          order.push(key);
        }
        byKey[key].amount += t.amount;
      });
    });
    return order.map(function (k) { return taxAmount(byKey[k], f); });
  }

  function taxAmount(t, f) {
    var a = f(t.amount);
    return { amount: a.amount, minorUnitsAmount: a.minorUnitsAmount, inclusive: !!t.inclusive, displayName: t.display_name, percentage: Number(t.percentage) };
  }

  function discountAmount(d, amount, f) {
    var a = f(amount);
    var recurring = d.duration === 'forever' ? { type: 'forever' }
      : d.duration === 'repeating' ? { type: 'repeating', durationInMonths: d.duration_in_months || 0 }
      : null;
    return {
      amount: a.amount,
      minorUnitsAmount: a.minorUnitsAmount,
      displayName: d.display_name,
      promotionCode: d.promotion_code || null,
      recurring: recurring,
      percentOff: d.percent_off == null ? null : Number(d.percent_off)
    };
  }

  /**
   * Builds the session object Stripe.js hands to the page: exactly the fields of StripeCheckoutSession in
   * @stripe/stripe-js 10.x (a test type-checks a captured one). Fields the emulator has no notion of are null.
   */
  function buildSession(r, f, divisor, canConfirm, lastPaymentError) {
    var discounts = r.discounts || [];
    var lines = (r.line_items || []).map(function (l) {
      return {
        id: l.id,
        name: l.name,
        discount: f(l.amount_discount),
        subtotal: f(l.amount_subtotal),
        total: f(l.amount_total),
        taxExclusive: f(l.tax_exclusive),
        taxInclusive: f(l.tax_inclusive),
        unitAmount: f(l.unit_amount),
        unitAmountDecimal: null,
        description: null,
        quantity: l.quantity,
        unitLabel: null,
        discountAmounts: l.amount_discount > 0 ? discounts.map(function (d) { return discountAmount(d, l.amount_discount, f); }) : [],
        taxAmounts: (l.taxes || []).map(function (t) { return taxAmount(t, f); }),
        recurring: l.recurring ? { interval: l.recurring.interval, intervalCount: l.recurring.interval_count, usageType: 'licensed' } : null,
        adjustableQuantity: null,
        images: [],
        priceId: l.price_id,
        isRemovable: false,
        pricing: null,
        transformQuantity: null
      };
    });
    var selected = null;
    var options = (r.shipping_options || []).map(function (o) {
      var a = f(o.amount);
      var opt = {
        amount: a.amount,
        minorUnitsAmount: a.minorUnitsAmount,
        id: o.id,
        currency: r.currency,
        displayName: o.display_name,
        deliveryEstimate: o.delivery_estimate ? { minimum: o.delivery_estimate.minimum || null, maximum: o.delivery_estimate.maximum || null } : null
      };
      if (o.id === r.selected_shipping_rate) selected = opt;
      return opt;
    });
    var status = r.status === 'complete' ? { type: 'complete', paymentStatus: r.payment_status }
      : r.status === 'expired' ? { type: 'expired' } : { type: 'open' };
    return {
      billingAddress: null,
      businessName: null,
      nameCollection: null,
      canConfirm: canConfirm,
      currency: r.currency,
      currencyOptions: null,
      discountAmounts: discounts.map(function (d) { return discountAmount(d, d.amount, f); }),
      email: r.email || null,
      id: r.id,
      lastPaymentError: lastPaymentError,
      lineItems: lines,
      livemode: false,
      minorUnitsAmountDivisor: divisor,
      phoneNumber: null,
      recurring: buildRecurring(r, f),
      savedPaymentMethods: null,
      shipping: selected ? { shippingOption: selected, taxAmounts: [] } : null,
      shippingAddress: r.shipping_address
        ? { name: r.shipping_address.name, address: Object.assign({}, r.shipping_address.address) }
        : null,
      shippingOptions: options,
      status: status,
      surcharge: null,
      tax: options.length > 0 && !r.shipping_address ? { status: 'requires_shipping_address' } : { status: 'ready' },
      taxAmounts: sumTaxes((r.line_items || []).map(function (l) { return l.taxes; }), f),
      taxIdInfo: null,
      total: {
        appliedBalance: f(0),
        balanceAppliedToNextInvoice: false,
        discount: f(r.totals.discount),
        shippingRate: f(r.totals.shipping),
        subtotal: f(r.totals.subtotal),
        surcharge: f(0),
        taxExclusive: f(r.totals.tax_exclusive),
        taxInclusive: f(r.totals.tax_inclusive),
        total: f(r.totals.total)
      },
      optionalItems: null
    };
  }

  /**
   * Subscription sessions: what the next invoice charges, from the recurring lines. The emulator's coupons with
   * duration "once" are left out of it; tax is the line's tax as computed now (an approximation).
   */
  function buildRecurring(r, f) {
    var lines = (r.line_items || []).filter(function (l) { return !!l.recurring; });
    if (r.mode !== 'subscription' || lines.length === 0) return null;
    var once = (r.discounts || []).every(function (d) { return d.duration === 'once' || !d.duration; });
    var sum = function (key) { return lines.reduce(function (acc, l) { return acc + (l[key] || 0); }, 0); };
    var subtotal = sum('amount_subtotal');
    var discount = once ? 0 : sum('amount_discount');
    var taxExclusive = sum('tax_exclusive');
    return {
      interval: lines[0].recurring.interval,
      intervalCount: lines[0].recurring.interval_count,
      isProrated: false,
      dueNext: {
        subtotal: f(subtotal),
        total: f(subtotal - discount + taxExclusive),
        discount: f(discount),
        taxInclusive: f(sum('tax_inclusive')),
        taxExclusive: f(taxExclusive),
        billingCycleAnchor: null
      },
      trial: null
    };
  }

  // ------------------------------------------------------------------ checkout (endive: initCheckoutElementsSdk)

  function buyerError(message) {
    return { type: 'error', error: { message: message, code: null } };
  }

  function CheckoutSdk(stripe, options) {
    var self = this;
    this.stripe = stripe;
    this.serverUpdateTimeoutMs = stripe.options.emulatorServerUpdateTimeoutMs || SERVER_UPDATE_TIMEOUT_MS;
    this.locale = (options.elementsOptions && options.elementsOptions.locale) || stripe.options.locale;
    this.events = new Emitter();
    this.api = null;
    this.raw = null;
    this.snapshot = null;
    this.lastPaymentError = null;
    this.paymentElement = null;
    this.addressElement = null;
    this.queue = Promise.resolve();
    // Stripe.js starts loading the session at once; loadActions() resolves when it is there.
    this.loaded = Promise.resolve(options.clientSecret).then(function (secret) {
      if (typeof secret !== 'string' || !secret) throw new Error('initCheckoutElementsSdk needs clientSecret (a string or a promise of one).');
      self.api = new Api(stripe.publishableKey, secret);
      return self.api.getSession();
    }).then(function (res) {
      if (!res.ok) return buyerError(res.error.message);
      self.setRaw(res.body);
      return { type: 'success', actions: self.actions() };
    }, function (err) {
      return buyerError(err && err.message ? err.message : 'The checkout session could not be loaded.');
    });
  }

  CheckoutSdk.prototype.addressMounted = function () {
    var ae = this.addressElement;
    return !!(ae && !ae.destroyed && ae.root && ae.root.isConnected);
  };

  CheckoutSdk.prototype.buildSnapshot = function () {
    var r = this.raw;
    var f = makeFormatter(r.currency, this.locale);
    var needsShipping = (r.shipping_options || []).length > 0;
    var aeMounted = this.addressMounted();
    // With shipping options an address is required (stored, or typed into the element); without them a mounted
    // address element still has to be complete.
    var addressOk = needsShipping
      ? (!!r.shipping_address || !!(aeMounted && this.addressElement.complete))
      : (!aeMounted || this.addressElement.complete || !!r.shipping_address);
    var paymentComplete = !!(this.paymentElement && !this.paymentElement.destroyed && this.paymentElement.complete);
    var canConfirm = r.status === 'open' && !!r.email && paymentComplete && addressOk;
    return buildSession(r, f, f.divisor, canConfirm, this.lastPaymentError);
  };

  CheckoutSdk.prototype.setRaw = function (raw) {
    this.raw = raw;
    if (this.api) this.api.preview = hasPreviewPermissions(raw);
    this.refreshSnapshot();
  };

  CheckoutSdk.prototype.refreshSnapshot = function () {
    if (!this.raw) return;
    this.snapshot = this.buildSnapshot();
    this.events.emit('change', this.snapshot);
  };

  /** Element input only changes canConfirm: emit 'change' when it flips, not on every keystroke. */
  CheckoutSdk.prototype.elementChanged = function () {
    if (!this.raw) return;
    var before = this.snapshot.canConfirm;
    this.snapshot = this.buildSnapshot();
    if (this.snapshot.canConfirm !== before) this.events.emit('change', this.snapshot);
  };

  /** Runs task after everything queued before it (mutators, confirm, runServerUpdate) has settled. */
  CheckoutSdk.prototype.serial = function (task) {
    var run = this.queue.then(task, task);
    this.queue = run.then(function () {}, function () {});
    return run;
  };

  CheckoutSdk.prototype.on = function (type, cb) {
    if (type !== 'change') throw new Error('Stripe emulator: checkout.on supports only "change".');
    this.events.on(type, cb);
  };
  CheckoutSdk.prototype.loadActions = function () { return this.loaded; };
  CheckoutSdk.prototype.changeAppearance = function () {};
  CheckoutSdk.prototype.loadFonts = function () {};

  /** The actions object of loadActions(): every method resolves {type:'success', session} or {type:'error', error}. */
  CheckoutSdk.prototype.actions = function () {
    var self = this;
    return {
      getSession: function () { return self.snapshot; },
      runServerUpdate: function (fn) { return self.doRunServerUpdate(fn); },
      confirm: function (args) { return self.doConfirm(args); },
      updateEmail: function (email) { return self.doUpdateEmail(email); },
      updateShippingAddress: function (contact) { return self.doUpdateShippingAddress(contact); },
      updateShippingOption: function (id) { return self.mutate('checkout/shipping_option', { shipping_rate: id }); },
      updateLineItemQuantity: function (args) {
        args = args || {};
        return self.mutate('checkout/line_item_quantity', { line_item: args.lineItem, quantity: args.quantity });
      },
      applyPromotionCode: function (code) {
        if (typeof code !== 'string' || !code.trim()) return Promise.resolve({ type: 'error', error: { message: StripeMessages.invalidCode, code: 'invalidCode' } });
        return self.mutate('checkout/promotion_code', { code: code.trim() }, function (error) {
          return error.stripeCode === 'invalid_promotion_code' ? { message: error.message, code: 'invalidCode' } : null;
        });
      },
      removePromotionCode: function () { return self.mutate('checkout/promotion_code/remove', {}); }
    };
  };

  var StripeMessages = {
    notOpen: 'This checkout session is no longer open.',
    invalidCode: 'This promotion code is invalid.'
  };

  /** A client-side change: posted to the emulator; a refusal refreshes the session (it may have changed meanwhile). */
  CheckoutSdk.prototype.mutate = function (path, body, codeFor) {
    var self = this;
    return this.serial(function () {
      if (self.raw.status !== 'open') return buyerError(StripeMessages.notOpen);
      return self.api.post(path, body).then(function (res) {
        if (!res.ok) {
          var failure = { type: 'error', error: (codeFor && codeFor(res.error)) || { message: res.error.message, code: null } };
          return self.refresh().then(function () { return failure; }, function () { return failure; });
        }
        self.setRaw(res.body);
        return { type: 'success', session: self.snapshot };
      });
    });
  };

  CheckoutSdk.prototype.doUpdateEmail = function (email) {
    var e = typeof email === 'string' ? email.trim() : '';
    if (!e) return Promise.resolve({ type: 'error', error: { message: 'Enter your email address.', code: 'incompleteEmail' } });
    if (!validEmail(e)) return Promise.resolve({ type: 'error', error: { message: 'Your email address is invalid.', code: 'invalidEmail' } });
    return this.mutate('checkout/email', { email: e });
  };

  CheckoutSdk.prototype.doUpdateShippingAddress = function (details) {
    if (!details || !details.address) return Promise.resolve(buyerError('Enter your shipping address.'));
    var a = details.address;
    return this.mutate('checkout/shipping_address', {
      name: details.name || '',
      address: {
        line1: a.line1 || '', line2: a.line2 || null, city: a.city || '', state: a.state || null,
        postal_code: a.postal_code || '', country: a.country || ''
      }
    });
  };

  CheckoutSdk.prototype.refresh = function () {
    var self = this;
    return this.api.getSession().then(function (res) {
      if (!res.ok) throw new Error(res.error.message);
      self.setRaw(res.body);
      return self.snapshot;
    });
  };

  /**
   * Awaits fn (the shop's call to its own server), then re-reads the session and emits 'change'. Resolves
   * {type:'success', session}, or {type:'error', error} when fn rejects or takes longer than 20 s (the session is
   * still re-read). Never rejects. Mutators and confirm called meanwhile wait until it has finished.
   */
  CheckoutSdk.prototype.doRunServerUpdate = function (fn) {
    var self = this;
    if (typeof fn !== 'function') return Promise.resolve(buyerError('runServerUpdate expects a function.'));
    return this.serial(function () {
      var timer;
      var timeout = new Promise(function (_, reject) {
        timer = setTimeout(function () {
          reject(new Error('runServerUpdate timed out after ' + (self.serverUpdateTimeoutMs / 1000) + ' seconds.'));
        }, self.serverUpdateTimeoutMs);
      });
      var work = Promise.resolve().then(fn);
      var settled = Promise.race([work, timeout]).then(function () { return null; }, function (err) {
        return buyerError(err && err.message ? err.message : 'The server update failed.');
      });
      return settled.then(function (failure) {
        clearTimeout(timer);
        return self.refresh().then(function (session) {
          return failure || { type: 'success', session: session };
        }, function (err) {
          return failure || buyerError(err.message);
        });
      });
    });
  };

  CheckoutSdk.prototype.createPaymentElement = function () {
    var self = this;
    if (this.paymentElement && !this.paymentElement.destroyed) {
      throw new Error('Stripe emulator: a payment element already exists for this checkout.');
    }
    var element = new PaymentElement();
    element.onChange = function () { self.elementChanged(); };
    element.onDestroy = function () { if (self.paymentElement === element) self.paymentElement = null; self.refreshSnapshot(); };
    this.paymentElement = element;
    return element;
  };

  CheckoutSdk.prototype.createShippingAddressElement = function () {
    var self = this;
    var element = new AddressElement('shipping');
    element.onChange = function () { self.elementChanged(); };
    element.onDestroy = function () { if (self.addressElement === element) self.addressElement = null; self.refreshSnapshot(); };
    this.addressElement = element;
    return element;
  };

  CheckoutSdk.prototype.getPaymentElement = function () { return this.paymentElement; };
  CheckoutSdk.prototype.getShippingAddressElement = function () { return this.addressElement; };

  /**
   * Pays. Checks locally first (open session, email, complete payment element, shipping address when the session
   * has shipping options — an address typed in the shipping address element but never sent with
   * updateShippingAddress is sent now), then posts the card to the emulator. Success redirects the browser to the
   * session's return_url (or args.returnUrl) and resolves {type:'success', session}; a decline resolves
   * {type:'error', error:{code:'paymentFailed', message, paymentFailed:{declineCode}}}.
   */
  CheckoutSdk.prototype.doConfirm = function (args) {
    var self = this;
    args = args || {};
    return this.serial(function () {
      var raw = self.raw;
      if (raw.status !== 'open') return buyerError(StripeMessages.notOpen);
      var email = args.email || raw.email;
      if (!email) return buyerError('Enter your email address.');
      if (!validEmail(email)) return buyerError('Your email address is invalid.');
      var pe = self.paymentElement;
      if (!pe || pe.destroyed || !pe.root) return buyerError('Mount a payment element before confirming.');
      if (!pe.complete) return buyerError(pe.incompleteMessage());
      var pending = Promise.resolve(null);
      var ae = self.addressElement;
      var aeMounted = self.addressMounted();
      if (((raw.shipping_options || []).length > 0 || aeMounted) && !raw.shipping_address && (!aeMounted || !ae.complete)) {
        return buyerError('Enter your shipping address.');
      }
      if (aeMounted && ae.complete && raw.shipping_address && !sameAddress(ae.value, raw.shipping_address)) {
        // The shopper edited the address after it was sent: the shop has not repriced for the new one yet.
        return buyerError('Your shipping address changed. Check the updated total and try again.');
      }
      if (aeMounted && ae.complete && !raw.shipping_address) {
        // Typed into the element but never sent with updateShippingAddress: send it now.
        pending = self.api.post('checkout/shipping_address', ae.value).then(function (res) {
          if (!res.ok) return res.error;
          self.setRaw(res.body);
          return null;
        });
      }
      return pending.then(function (addressError) {
        if (addressError) return buyerError(addressError.message);
        return self.pay(email, args.returnUrl || null, null);
      });
    });
  };

  CheckoutSdk.prototype.pay = function (email, returnUrl, authentication) {
    var self = this;
    var v = this.paymentElement.value;
    var body = {
      email: email,
      return_url: returnUrl,
      authentication: authentication,
      card: { number: v.number, exp_month: v.expMonth, exp_year: v.expYear, cvc: v.cvc }
    };
    return this.api.post('checkout/confirm', body).then(function (res) {
      if (!res.ok) {
        var error = res.error.cardError
          ? { message: res.error.message, code: 'paymentFailed', paymentFailed: { declineCode: res.error.declineCode } }
          : { message: res.error.message, code: null };
        if (res.error.cardError) self.lastPaymentError = { message: res.error.message };
        var failure = { type: 'error', error: error };
        return self.refresh().then(function () { return failure; }, function () { return failure; });
      }
      var result = res.body;
      self.lastPaymentError = null;
      self.setRaw(result.session);
      if (result.status === 'requires_action') {
        return authenticate().then(function (outcome) { return self.pay(email, returnUrl, outcome); });
      }
      if (result.redirect_url) window.location.assign(result.redirect_url);
      return { type: 'success', session: self.snapshot };
    });
  };

  // ------------------------------------------------------------------ transport

  /** Preview permissions (private preview) in the session mean the client sends the beta flag too, as Stripe.js does. */
  function hasPreviewPermissions(raw) {
    var p = (raw && raw.permissions) || {};
    return p.update_line_items != null || p.update_discounts != null;
  }

  function Api(publishableKey, clientSecret) {
    this.key = publishableKey;
    this.secret = clientSecret;
    this.preview = false;
  }

  Api.prototype.request = function (method, path, body) {
    var url = base + '/_js/' + path;
    var headers = {
      'Authorization': 'Bearer ' + this.key,
      'Stripe-Version': API_VERSION + (this.preview ? '; ' + SERVER_UPDATE_BETA : '')
    };
    var init = { method: method, headers: headers, credentials: 'omit', cache: 'no-store' };
    if (method === 'GET') {
      url += '?client_secret=' + encodeURIComponent(this.secret);
    } else {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(Object.assign({ client_secret: this.secret }, body || {}));
    }
    return fetch(url, init).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (response.ok && json) return { ok: true, body: json };
        var err = json && json.error ? json.error : { message: 'The Stripe emulator answered HTTP ' + response.status + '.' };
        return {
          ok: false,
          status: response.status,
          error: { message: err.message, cardError: err.type === 'card_error', declineCode: err.decline_code || null, stripeCode: err.code || null }
        };
      });
    }, function (networkError) {
      return { ok: false, status: 0, error: { message: 'Could not reach the Stripe emulator: ' + networkError.message, cardError: false, declineCode: null, stripeCode: null } };
    });
  };
  Api.prototype.getSession = function () { return this.request('GET', 'checkout/session'); };
  Api.prototype.post = function (path, body) { return this.request('POST', path, body); };

  // ------------------------------------------------------------------ entry point

  function Stripe(publishableKey, options) {
    if (!(this instanceof Stripe)) return new Stripe(publishableKey, options);
    if (typeof publishableKey !== 'string' || publishableKey.indexOf('pk_') !== 0) {
      throw new Error('Stripe emulator: a publishable key (pk_test_...) is required.');
    }
    this.publishableKey = publishableKey;
    this.options = options || {};
    this.emulator = { base: base };
  }

  /** Synchronous, like Stripe.js endive: the session loads in the background; loadActions() waits for it. */
  Stripe.prototype.initCheckoutElementsSdk = function (options) {
    options = options || {};
    if (options.clientSecret == null) throw new Error('initCheckoutElementsSdk needs clientSecret (a string or a promise of one).');
    return new CheckoutSdk(this, options);
  };

  /** The basil-era entry point is gone on this train, as in Stripe.js from dahlia on. */
  Stripe.prototype.initCheckout = function () {
    throw new Error('stripe.initCheckout is not available in this version of Stripe.js: use stripe.initCheckoutElementsSdk({clientSecret}).');
  };

  Stripe.emulator = true;
  window.Stripe = Stripe;
})();
