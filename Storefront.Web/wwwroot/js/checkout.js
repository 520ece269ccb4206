// Storefront checkout page.
// Stripe.js (real, or the emulator's stand-in) shows the payment and address fields; every amount on this page comes
// from checkout.session(), which only the server changes. Shopper actions send an intent to the shop's handlers,
// wrapped in checkout.runServerUpdate so Stripe.js refreshes the session when the server is done.

const root = document.getElementById('checkout');
const $ = (id) => document.getElementById(id);
const ui = {
  error: $('checkout-error'),
  progress: $('checkout-progress'),
  pay: $('pay-button'),
  lines: $('summary-lines'),
  email: $('checkout-email'),
  shippingOptions: $('shipping-options'),
};
// busy counts overlapping work (a repricing may run while a payment is being confirmed); inflight is the latest
// server update, so paying can wait for it.
const state = { busy: 0, paymentComplete: false, session: null, inflight: Promise.resolve() };
let flushAddress = async () => {};

function showError(message) {
  ui.error.textContent = message || 'Something went wrong. Please try again.';
  ui.error.hidden = false;
}

function clearError() {
  ui.error.hidden = true;
  ui.error.textContent = '';
}

function setBusy(busy) {
  state.busy = Math.max(0, state.busy + (busy ? 1 : -1));
  const active = state.busy > 0;
  ui.progress.hidden = !active;
  root.setAttribute('aria-busy', active ? 'true' : 'false');
  for (const control of root.querySelectorAll('[data-server-action]')) {
    control.disabled = active;
  }
  refreshPayButton();
}

function refreshPayButton() {
  const session = state.session;
  const open = session && session.status.type === 'open';
  // A guest who clears the e-mail field must not pay with the address Stripe still holds from before.
  const emailCleared = Boolean(ui.email) && !ui.email.value.trim();
  ui.pay.disabled = state.busy > 0 || !open || !session.canConfirm || emailCleared;
  if (session) {
    ui.pay.textContent = `Pay ${session.total.total.amount}`;
  }
}

/** POSTs an intent to a page handler; resolves to the fetch Response (what runServerUpdate hands back). */
function postIntent(handler, body = {}) {
  return fetch(`${root.dataset.handlerUrl}?handler=${encodeURIComponent(handler)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', RequestVerificationToken: root.dataset.antiforgery },
    body: JSON.stringify({ checkoutSessionId: root.dataset.sessionId, ...body }),
  });
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return { type: 'error', message: `The shop answered ${response.status}.` };
  }
}

/** Runs one shopper action on the server and lets Stripe.js refresh the session afterwards. */
export function serverUpdate(handler, body) {
  const work = runServerAction(handler, body);
  state.inflight = work;
  return work;
}

async function runServerAction(handler, body) {
  clearError();
  setBusy(true);
  try {
    const response = await checkout.runServerUpdate(() => postIntent(handler, body));
    const payload = await readJson(response);
    if (!response.ok) {
      showError(payload.message);
      if (response.status === 409 && payload.reload) {
        window.location.reload();
      }
    }
    return payload;
  } catch (error) {
    showError(error && error.message ? error.message : 'The update did not finish. Please try again.');
    return { type: 'error' };
  } finally {
    setBusy(false);
  }
}

function text(tag, value, className) {
  const element = document.createElement(tag);
  element.textContent = value;
  if (className) {
    element.className = className;
  }
  return element;
}

function setAmount(id, amount) {
  $(id).textContent = amount ? amount.amount : '—';
  $(id).dataset.minor = amount ? String(amount.minorUnitsAmount) : '';
}

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

  const discount = session.total.discount;
  const hasDiscount = discount && discount.minorUnitsAmount > 0;
  $('total-discount-label').hidden = !hasDiscount;
  $('total-discount').hidden = !hasDiscount;
  if (hasDiscount) {
    const names = session.discountAmounts.map((d) => d.displayName).join(', ');
    $('total-discount-label').textContent = names ? `Discount (${names})` : 'Discount';
    $('total-discount').textContent = `-${discount.amount}`;
  }
  setAmount('total-subtotal', session.total.subtotal);
  setAmount('total-shipping', session.total.shippingRate);
  const tax = session.total.taxExclusive && session.total.taxExclusive.minorUnitsAmount > 0
    ? session.total.taxExclusive
    : session.total.taxInclusive;
  setAmount('total-tax', tax);
  $('total-tax').title = session.total.taxInclusive && session.total.taxInclusive.minorUnitsAmount > 0 ? 'Included in prices' : '';
  setAmount('total-total', session.total.total);
  renderShippingOptions(session);
  root.dispatchEvent(new CustomEvent('checkout:rendered', { detail: session }));
  refreshPayButton();
}

function renderShippingOptions(session) {
  if (!ui.shippingOptions) {
    return;
  }
  const selected = session.shipping && session.shipping.shippingOption ? session.shipping.shippingOption.id : null;
  ui.shippingOptions.replaceChildren(...session.shippingOptions.map((option) => {
    const label = document.createElement('label');
    label.className = 'shipping-option';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'shipping-option';
    input.value = option.id;
    input.checked = option.id === selected;
    input.addEventListener('change', async () => {
      clearError();
      const result = await checkout.updateShippingOption(option.id);
      if (result.type === 'error') {
        showError(result.error.message);
      }
    });
    const estimate = option.deliveryEstimate && option.deliveryEstimate.minimum
      ? ` · ${option.deliveryEstimate.minimum.value}–${option.deliveryEstimate.maximum.value} business days`
      : '';
    label.append(input, text('span', `${option.displayName} — ${option.amount.amount}${estimate}`));
    return label;
  }));
  if (session.shippingOptions.length === 0) {
    ui.shippingOptions.append(text('p', 'Enter your address to see shipping options.', 'note'));
  }
}

const stripe = Stripe(root.dataset.publishableKey, { betas: ['custom_checkout_server_updates_1'] });
const checkout = await stripe.initCheckout({
  fetchClientSecret: async () => {
    const response = await postIntent('ClientSecret');
    const payload = await readJson(response);
    if (!response.ok) {
      showError(payload.message);
      throw new Error(payload.message);
    }
    return payload.clientSecret;
  },
  elementsOptions: { appearance: { theme: 'stripe' } },
});

checkout.on('change', render);
if (ui.email && !ui.email.value && checkout.session().email) {
  ui.email.value = checkout.session().email; // after a reload, show the e-mail the session already has
}
render(checkout.session());

const payment = checkout.createPaymentElement();
payment.on('change', (event) => {
  state.paymentComplete = event.complete;
  refreshPayButton();
});
payment.mount('#payment-element');

if ($('shipping-address-element')) {
  const address = checkout.createShippingAddressElement();
  let timer = null;
  let latest = null;
  let lastSent = '';
  let repricing = Promise.resolve();
  const send = () => {
    timer = null;
    const value = latest;
    repricing = (async () => {
      const result = await checkout.updateShippingAddress(value);
      if (result.type === 'error') {
        showError(result.error.message);
        return;
      }
      // The server reads the address Stripe collected (never one sent by the page) and reprices shipping and tax.
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
    latest = event.value;
    clearTimeout(timer);
    timer = setTimeout(send, 300);
  });
  address.mount('#shipping-address-element');
}

if (ui.email) {
  ui.email.addEventListener('input', refreshPayButton);
  ui.email.addEventListener('change', async () => {
    clearError();
    const result = await checkout.updateEmail(ui.email.value.trim());
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
    const result = await checkout.confirm({ returnUrl: root.dataset.returnUrl });
    if (result && result.type === 'error') {
      showError(result.error.message);
    }
  } finally {
    setBusy(false);
  }
});

// ---- Shopper actions: each sends an intent (never an amount) and re-renders from the server's answer. ----

function renderState(view) {
  const toggle = $('interval-switch');
  if (toggle && view.interval) {
    toggle.setAttribute('aria-checked', view.interval === 'year' ? 'true' : 'false');
  }
  for (const box of root.querySelectorAll('input[name="add-on"]')) {
    const addOn = view.addOns.find((a) => a.slug === box.value);
    box.checked = Boolean(addOn && addOn.included);
  }
  const list = $('line-controls');
  list.replaceChildren(...view.lines.filter((l) => l.kind !== 'addon').map((line) => {
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

async function act(handler, body) {
  const payload = await serverUpdate(handler, body);
  if (payload && payload.type === 'success') {
    renderState(payload.state);
    if (payload.promoCode && payload.promoCode.message && payload.promoCode.status !== 'Accepted') {
      showError(payload.promoCode.message);
    }
  } else {
    // The server refused: show what it holds now (the controls may have been changed optimistically).
    renderState(state.view);
  }
  if (payload && payload.state) {
    state.view = payload.state;
  }
  return payload;
}

state.view = JSON.parse($('checkout-state').textContent);
renderState(state.view);

const intervalSwitch = $('interval-switch');
if (intervalSwitch) {
  intervalSwitch.addEventListener('click', () => {
    const yearly = intervalSwitch.getAttribute('aria-checked') !== 'true';
    act('ChangeInterval', { interval: yearly ? 'year' : 'month' });
  });
}

for (const box of root.querySelectorAll('input[name="add-on"]')) {
  box.addEventListener('change', () => act('AddOn', { addOn: box.value, included: box.checked }));
}

$('promo-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('promo-code');
  const payload = await act('PromotionCode', { code: input.value.trim() });
  if (payload && payload.type === 'success') {
    input.value = '';
  }
});

$('promo-remove').addEventListener('click', () => act('RemovePromotionCode', {}));

root.dataset.ready = 'true';
export { checkout };
