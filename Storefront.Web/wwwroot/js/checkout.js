// @ts-check
// Storefront checkout page, on Stripe.js's endive surface (initCheckoutElementsSdk + loadActions).
// Stripe.js (real, or the emulator's stand-in) shows the payment and address fields; every amount on this page comes
// from the session Stripe.js holds, which only the server changes. Shopper actions send an intent to the shop's
// handlers, wrapped in actions.runServerUpdate so Stripe.js re-reads the session when the server is done.
// Type-checked with TypeScript (strict) against @stripe/stripe-js in the test run: see tsconfig.json.

/** @typedef {import('@stripe/stripe-js').StripeCheckoutSession} CheckoutSession */
/** @typedef {import('@stripe/stripe-js').StripeCheckoutLoadActionsSuccess} CheckoutActions */
/** @typedef {import('@stripe/stripe-js').StripeCheckoutContact} CheckoutContact */
/** @typedef {{ amount: number, name: string }} ServerDiscount the server's composed discount, minor units */
/**
 * @typedef {{ id: number, kind: string, name: string, quantity: number, editable: boolean }} LineView
 * @typedef {{ slug: string, included: boolean }} AddOnView
 * @typedef {{ interval?: string | null, addOns: AddOnView[], lines: LineView[], promotionCode?: string | null }} CheckoutView
 * @typedef {{ type?: string, message?: string, reload?: boolean, state?: CheckoutView, discount?: unknown,
 *   promoCode?: { status?: string, message?: string } | null, clientSecret?: string }} HandlerAnswer
 */

/**
 * The element with this id; the page template guarantees the required ones.
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @returns {T}
 */
function $(id) {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`The checkout page has no #${id}.`);
  }
  return /** @type {T} */ (element);
}

const root = $('checkout');
const ui = {
  error: $('checkout-error'),
  progress: $('checkout-progress'),
  pay: /** @type {HTMLButtonElement} */ ($('pay-button')),
  lines: $('summary-lines'),
  email: /** @type {HTMLInputElement | null} */ (document.getElementById('checkout-email')),
  shippingOptions: document.getElementById('shipping-options'),
};

/**
 * busy counts overlapping work (a repricing may run while a payment is being confirmed); inflight is the latest
 * server update, so paying can wait for it. serverDiscount is the discount the server priced: in LinePrices mode
 * Stripe only sees lower line prices, so the page shows the discount from here.
 * @type {{ busy: number, session: CheckoutSession | null, inflight: Promise<unknown>, view: CheckoutView,
 *   serverDiscount: ServerDiscount | null }}
 */
const state = {
  busy: 0,
  session: null,
  inflight: Promise.resolve(),
  view: JSON.parse($('checkout-state').textContent || '{}'),
  serverDiscount: readServerDiscount(document.getElementById('checkout-discount')?.textContent),
};
/** @type {() => Promise<void>} */
let flushAddress = async () => {};

/** @param {string | null | undefined} [message] */
function showError(message) {
  ui.error.textContent = message || 'Something went wrong. Please try again.';
  ui.error.hidden = false;
}

function clearError() {
  ui.error.hidden = true;
  ui.error.textContent = '';
}

/** @param {boolean} busy */
function setBusy(busy) {
  state.busy = Math.max(0, state.busy + (busy ? 1 : -1));
  const active = state.busy > 0;
  ui.progress.hidden = !active;
  root.setAttribute('aria-busy', active ? 'true' : 'false');
  for (const control of root.querySelectorAll('[data-server-action]')) {
    /** @type {HTMLButtonElement | HTMLInputElement} */ (control).disabled = active;
  }
  refreshPayButton();
}

function refreshPayButton() {
  const session = state.session;
  const open = session !== null && session.status.type === 'open';
  // A guest who clears the e-mail field must not pay with the address Stripe still holds from before.
  const emailCleared = ui.email !== null && !ui.email.value.trim();
  ui.pay.disabled = state.busy > 0 || !open || !session || !session.canConfirm || emailCleared;
  if (session) {
    ui.pay.textContent = `Pay ${session.total.total.amount}`;
  }
}

/**
 * The server's discount, read defensively: the page embeds {discount: {amount, name} | null, totals, discountMode}
 * as JSON, a handler answer carries {amount, name} | null. Anything but a whole positive amount reads as null.
 * @param {unknown} value JSON text or an already parsed value
 * @returns {ServerDiscount | null}
 */
function readServerDiscount(value) {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (parsed && typeof parsed === 'object' && 'discount' in parsed) {
    parsed = /** @type {{ discount?: unknown }} */ (parsed).discount;
  }
  if (!parsed || typeof parsed !== 'object') {
    return null;
  }
  const { amount, name } = /** @type {{ amount?: unknown, name?: unknown }} */ (parsed);
  return typeof amount === 'number' && Number.isInteger(amount) && amount > 0
    ? { amount, name: typeof name === 'string' ? name : '' }
    : null;
}

/**
 * POSTs an intent to a page handler.
 * @param {string} handler
 * @param {Record<string, unknown>} [body]
 */
function postIntent(handler, body = {}) {
  return fetch(`${root.dataset.handlerUrl}?handler=${encodeURIComponent(handler)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', RequestVerificationToken: root.dataset.antiforgery || '' },
    body: JSON.stringify({ checkoutSessionId: root.dataset.sessionId, ...body }),
  });
}

/**
 * @param {Response} response
 * @returns {Promise<HandlerAnswer>}
 */
async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return { type: 'error', message: `The shop answered ${response.status}.` };
  }
}

/** Asks the shop for the session's client secret (only the checkout's owner gets it). */
async function fetchClientSecret() {
  const response = await postIntent('ClientSecret');
  const payload = await readJson(response);
  if (!response.ok || typeof payload.clientSecret !== 'string') {
    throw new Error(payload.message || 'The payment form could not be loaded.');
  }
  return payload.clientSecret;
}

/**
 * @param {string} tag
 * @param {string} value
 * @param {string} [className]
 */
function text(tag, value, className) {
  const element = document.createElement(tag);
  element.textContent = value;
  if (className) {
    element.className = className;
  }
  return element;
}

/**
 * Formats minor units like Stripe.js formats the session's amounts (currency's minor-unit divisor from the session).
 * @param {number} minor
 * @param {CheckoutSession} session
 */
function formatMinor(minor, session) {
  const format = new Intl.NumberFormat(document.documentElement.lang || 'en-US', {
    style: 'currency',
    currency: session.currency.toUpperCase(),
  });
  return format.format(minor / session.minorUnitsAmountDivisor);
}

/**
 * @param {string} id
 * @param {{ amount: string, minorUnitsAmount: number } | null} amount
 */
function setAmount(id, amount) {
  $(id).textContent = amount ? amount.amount : '—';
  $(id).dataset.minor = amount ? String(amount.minorUnitsAmount) : '';
}

/** @param {CheckoutSession} session */
function render(session) {
  state.session = session;
  ui.lines.replaceChildren(...session.lineItems.map((item) => {
    const li = document.createElement('li');
    li.className = 'summary-line';
    li.dataset.lineItemId = item.id;
    li.append(
      text('span', item.name, 'summary-line-name'),
      text('span', `× ${item.quantity}`, 'summary-line-qty'),
      text('span', item.total.amount, 'summary-line-total'),
    );
    if (item.recurring) {
      li.append(text('span', `billed every ${item.recurring.interval}`, 'summary-line-recurring'));
    }
    return li;
  }));

  renderDiscount(session);
  setAmount('total-shipping', session.total.shippingRate);
  const tax = session.total.taxExclusive.minorUnitsAmount > 0 ? session.total.taxExclusive : session.total.taxInclusive;
  setAmount('total-tax', tax);
  $('total-tax').title = session.total.taxInclusive.minorUnitsAmount > 0 ? 'Included in prices' : '';
  setAmount('total-total', session.total.total);
  renderShippingOptions(session);
  refreshPayButton();
}

/**
 * Subtotal and discount lines. When Stripe carries the discount (Preview mode) its own figures are shown. When the
 * server spread the discount into the line prices (LinePrices mode), Stripe's discount is 0 and its subtotal is
 * already discounted: the page shows the server's discount and the list subtotal (Stripe's subtotal + discount), so
 * subtotal − discount + shipping + tax still adds up to Stripe's total on screen.
 * @param {CheckoutSession} session
 */
function renderDiscount(session) {
  const label = $('total-discount-label');
  const amount = $('total-discount');
  const stripeDiscount = session.total.discount;
  const server = state.serverDiscount;
  /** @type {{ name: string, amount: string, minor: number } | null} */
  let shown = null;
  let subtotal = session.total.subtotal;
  if (stripeDiscount.minorUnitsAmount > 0) {
    const names = (session.discountAmounts || []).map((d) => d.displayName).join(', ');
    shown = { name: names, amount: stripeDiscount.amount, minor: stripeDiscount.minorUnitsAmount };
  } else if (server) {
    shown = { name: server.name, amount: formatMinor(server.amount, session), minor: server.amount };
    const listSubtotal = session.total.subtotal.minorUnitsAmount + server.amount;
    subtotal = { minorUnitsAmount: listSubtotal, amount: formatMinor(listSubtotal, session) };
  }
  label.hidden = !shown;
  amount.hidden = !shown;
  if (shown) {
    label.textContent = shown.name ? `Discount (${shown.name})` : 'Discount';
    amount.textContent = `-${shown.amount}`;
    amount.dataset.minor = String(shown.minor);
  }
  setAmount('total-subtotal', subtotal);
}

/**
 * @param {CheckoutSession} session
 * @param {CheckoutActions} actions
 */
function renderShippingOptions(session, actions = requireActions()) {
  const container = ui.shippingOptions;
  if (!container) {
    return;
  }
  const selected = session.shipping ? session.shipping.shippingOption.id : null;
  container.replaceChildren(...session.shippingOptions.map((option) => {
    const label = document.createElement('label');
    label.className = 'shipping-option';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'shipping-option';
    input.value = option.id;
    input.checked = option.id === selected;
    input.addEventListener('change', async () => {
      clearError();
      const result = await actions.updateShippingOption(option.id);
      if (result.type === 'error') {
        showError(result.error.message);
      }
    });
    const estimate = option.deliveryEstimate && option.deliveryEstimate.minimum && option.deliveryEstimate.maximum
      ? ` · ${option.deliveryEstimate.minimum.value}–${option.deliveryEstimate.maximum.value} business days`
      : '';
    label.append(input, text('span', `${option.displayName ?? ''} — ${option.amount}${estimate}`));
    return label;
  }));
  if (session.shippingOptions.length === 0) {
    container.append(text('p', 'Enter your address to see shipping options.', 'note'));
  }
}

/** @type {CheckoutActions | null} */
let loadedActions = null;

function requireActions() {
  if (!loadedActions) {
    throw new Error('Stripe.js has not loaded the checkout yet.');
  }
  return loadedActions;
}

/**
 * Runs one shopper action on the server inside runServerUpdate, so Stripe.js re-reads the session afterwards.
 * Resolves to the handler's answer ({type:'error'} when the shop or Stripe.js refused).
 * @param {string} handler
 * @param {Record<string, unknown>} [body]
 * @returns {Promise<HandlerAnswer>}
 */
function serverUpdate(handler, body) {
  const work = runServerAction(handler, body);
  state.inflight = work;
  return work;
}

/**
 * @param {string} handler
 * @param {Record<string, unknown>} [body]
 * @returns {Promise<HandlerAnswer>}
 */
async function runServerAction(handler, body) {
  const actions = requireActions();
  clearError();
  setBusy(true);
  try {
    // runServerUpdate answers with the session only: the shop's own answer is kept here.
    /** @type {{ response: Response, payload: HandlerAnswer }[]} */
    const answers = [];
    const result = await actions.runServerUpdate(async () => {
      const response = await postIntent(handler, body);
      answers.push({ response, payload: await readJson(response) });
    });
    const response = answers.length > 0 ? answers[0].response : null;
    const payload = answers.length > 0 ? answers[0].payload : { type: 'error' };
    if (response && !response.ok) {
      showError(payload.message);
      if (response.status === 409 && payload.reload) {
        window.location.reload();
      }
      return { ...payload, type: 'error' };
    }
    if (result.type === 'error') {
      // The shop answered but Stripe.js could not finish the update (timeout, network): say so, the session is re-read.
      showError(result.error.message);
      return { ...payload, type: 'error' };
    }
    return payload;
  } catch (error) {
    showError(error instanceof Error ? error.message : 'The update did not finish. Please try again.');
    return { type: 'error' };
  } finally {
    setBusy(false);
  }
}

// ---- Shopper actions: each sends an intent (never an amount) and re-renders from the server's answer. ----

/** @param {CheckoutView} view */
function renderState(view) {
  const toggle = document.getElementById('interval-switch');
  if (toggle && view.interval) {
    toggle.setAttribute('aria-checked', view.interval === 'year' ? 'true' : 'false');
  }
  for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (root.querySelectorAll('input[name="add-on"]'))) {
    const addOn = view.addOns.find((a) => a.slug === box.value);
    box.checked = Boolean(addOn && addOn.included);
  }
  $('line-controls').replaceChildren(...view.lines.filter((l) => l.kind !== 'addon').map((line) => {
    const li = document.createElement('li');
    li.className = 'line-control';
    li.dataset.lineId = String(line.id);
    li.dataset.kind = line.kind;
    li.append(text('span', line.name, 'line-control-name'));
    if (!line.editable) {
      li.append(text('span', line.kind === 'complimentary' ? 'Free gift' : `× ${line.quantity}`, 'line-control-note'));
      return li;
    }
    const label = document.createElement('label');
    label.append(text('span', `Quantity of ${line.name}`, 'visually-hidden'));
    const input = document.createElement('input');
    input.type = 'number';
    input.min = '0';
    input.max = '10';
    input.value = String(line.quantity);
    input.dataset.serverAction = '';
    input.addEventListener('change', () => act('Quantity', { lineId: line.id, quantity: Number(input.value) }));
    label.append(input);
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'link';
    remove.dataset.serverAction = '';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove ${line.name}`);
    remove.addEventListener('click', () => act('Quantity', { lineId: line.id, quantity: 0 }));
    li.append(label, remove);
    return li;
  }));
  $('promo-applied').hidden = !view.promotionCode;
  $('promo-applied-code').textContent = view.promotionCode || '';
}

/**
 * @param {string} handler
 * @param {Record<string, unknown>} body
 */
async function act(handler, body) {
  const payload = await serverUpdate(handler, body);
  if (payload.type === 'success' && payload.state) {
    renderState(payload.state);
    if (payload.promoCode && payload.promoCode.message && payload.promoCode.status !== 'Accepted') {
      showError(payload.promoCode.message);
    }
  } else {
    // The server refused: show what it holds now (the controls may have been changed optimistically).
    renderState(payload.state ?? state.view);
  }
  if (payload.state) {
    state.view = payload.state;
  }
  if ('discount' in payload) {
    state.serverDiscount = readServerDiscount(payload.discount);
  }
  if (state.session && loadedActions) {
    render(loadedActions.getSession());
  }
  return payload;
}

/**
 * Address element → Stripe (updateShippingAddress) → the server reprices shipping and tax from the address Stripe
 * collected (never one sent by the page).
 * @param {import('@stripe/stripe-js').StripeCheckoutElementsSdk} checkout
 * @param {CheckoutActions} actions
 */
function mountShippingAddress(checkout, actions) {
  const address = checkout.createShippingAddressElement();
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;
  /** @type {CheckoutContact | null} */
  let latest = null;
  let lastSent = '';
  /** @type {Promise<void>} */
  let repricing = Promise.resolve();
  const send = () => {
    timer = null;
    const value = latest;
    repricing = (async () => {
      const result = await actions.updateShippingAddress(value);
      if (result.type === 'error') {
        showError(result.error.message);
        return;
      }
      await serverUpdate('AddressChanged');
    })();
    return repricing;
  };
  // Paying must not race a repricing: send a waiting address now and let it finish first.
  flushAddress = async () => {
    if (timer !== null) {
      clearTimeout(timer);
      send();
    }
    await repricing;
  };
  address.on('change', (event) => {
    // Elements may report the same address again (after a refresh, say): only a new address is worth a repricing.
    const key = JSON.stringify(event.value || {});
    if (!event.complete || key === lastSent) {
      return;
    }
    lastSent = key;
    latest = { name: event.value.name, address: event.value.address };
    if (timer !== null) {
      clearTimeout(timer);
    }
    timer = setTimeout(send, 300);
  });
  address.mount('#shipping-address-element');
}

/**
 * @param {CheckoutActions} actions
 */
function wireControls(actions) {
  const email = ui.email;
  if (email) {
    email.addEventListener('input', refreshPayButton);
    email.addEventListener('change', async () => {
      clearError();
      const result = await actions.updateEmail(email.value.trim());
      if (result.type === 'error') {
        showError(result.error.message);
      }
    });
  }

  ui.pay.addEventListener('click', async () => {
    setBusy(true);
    try {
      // The shopper pays for what the server last priced: finish any address repricing and update still under way.
      await flushAddress();
      await state.inflight;
      clearError();
      const result = await actions.confirm({ returnUrl: root.dataset.returnUrl });
      if (result.type === 'error') {
        showError(result.error.message);
      }
    } finally {
      setBusy(false);
    }
  });

  const intervalSwitch = document.getElementById('interval-switch');
  if (intervalSwitch) {
    intervalSwitch.addEventListener('click', () => {
      const yearly = intervalSwitch.getAttribute('aria-checked') !== 'true';
      act('ChangeInterval', { interval: yearly ? 'year' : 'month' });
    });
  }

  for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (root.querySelectorAll('input[name="add-on"]'))) {
    box.addEventListener('change', () => act('AddOn', { addOn: box.value, included: box.checked }));
  }

  $('promo-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ ($('promo-code'));
    const payload = await act('PromotionCode', { code: input.value.trim() });
    if (payload.type === 'success') {
      input.value = '';
    }
  });

  $('promo-remove').addEventListener('click', () => act('RemovePromotionCode', {}));
}

async function start() {
  renderState(state.view);
  const StripeJs = window.Stripe;
  if (!StripeJs) {
    showError('The secure payment form could not be loaded. Please reload the page.');
    return;
  }
  const stripe = StripeJs(root.dataset.publishableKey || '');
  const checkout = stripe.initCheckoutElementsSdk({
    clientSecret: fetchClientSecret(),
    elementsOptions: { appearance: { theme: 'stripe' } },
  });
  checkout.on('change', (session) => {
    if (loadedActions) {
      render(session);
    }
  });

  const loaded = await checkout.loadActions();
  if (loaded.type === 'error') {
    showError(loaded.error.message);
    root.dataset.ready = 'error';
    return;
  }
  const actions = loaded.actions;
  loadedActions = actions;
  const session = actions.getSession();
  if (ui.email && !ui.email.value && session.email) {
    ui.email.value = session.email; // after a reload, show the e-mail the session already has
  }
  render(session);

  const payment = checkout.createPaymentElement();
  payment.on('change', refreshPayButton);
  payment.mount('#payment-element');
  if (document.getElementById('shipping-address-element')) {
    mountShippingAddress(checkout, actions);
  }
  wireControls(actions);
  root.dataset.ready = 'true';
}

start().catch((error) => {
  showError(error instanceof Error ? error.message : 'The checkout could not start. Please reload the page.');
});
