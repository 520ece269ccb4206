using System.Text.Json.Nodes;
using Storefront.StripeEmulator.Internal;

namespace Storefront.StripeEmulator;

// Checkout sessions, line items, completion, payment intents. Internal members are called with Gate held.
public sealed partial class StripeEmulatorState
{
    private static readonly string[] PermissionKeys = ["update_line_items", "update_discounts", "update_shipping_details"];

    // ---------------------------------------------------------------- create

    /// <summary>ui_mode as this API version names it; the other era's names fail as Stripe's do.</summary>
    private static string ReadUiMode(Params p, RequestInfo req)
    {
        var known = ApiVersionRules.UiModes(req.ApiVersion);
        var given = p.Str("ui_mode");
        if (given is null) return ApiVersionRules.RenamedUiModes(req.ApiVersion) ? "hosted_page" : "hosted";
        if (!known.Contains(given))
            throw new StripeEmulatorException(400, "invalid_request_error",
                string.Format(System.Globalization.CultureInfo.InvariantCulture, EmulatorMessages.InvalidUiMode, given, string.Join(", ", known), req.ApiVersion),
                "ui_mode", "parameter_invalid_enum");
        return given;
    }

    /// <summary>Private-preview parameters exist only with the beta flag on an account that has the preview.</summary>
    private static void RequirePreview(Params p, RequestInfo req, params string[] names)
    {
        if (req.PreviewBeta) return;
        foreach (var name in names)
            if (p.Has(name)) throw StripeEmulatorException.UnknownParam(p.Name(name));
    }

    internal JsonObject CreateSession(Params p, RequestInfo req)
    {
        p.Allow("ui_mode", "mode", "line_items", "discounts", "shipping_options", "permissions", "return_url", "success_url",
            "cancel_url", "customer_email", "client_reference_id", "metadata", "expires_at", "expand", "currency",
            "payment_method_types", "locale", "billing_address_collection", "shipping_address_collection");
        var expand = ValidateSessionExpand(p);
        var mode = p.Enum("mode", "payment", "subscription", "setup") ?? throw StripeEmulatorException.Missing("mode");
        if (mode == "setup") throw StripeEmulatorException.Invalid("The Storefront Stripe emulator does not support `setup` mode.", "mode");
        var uiMode = ReadUiMode(p, req);
        var embeddedLike = ApiVersionRules.IsEmbeddedLike(uiMode);
        var returnUrl = p.Str("return_url");
        var successUrl = p.Str("success_url");
        if (embeddedLike && successUrl is not null)
            throw StripeEmulatorException.Invalid(EmulatorMessages.SuccessUrlForbidden, "success_url");
        if (embeddedLike && string.IsNullOrEmpty(returnUrl))
            throw StripeEmulatorException.Invalid(EmulatorMessages.ReturnUrlRequired, "return_url");
        if (!embeddedLike && returnUrl is not null)
            throw StripeEmulatorException.Invalid("`return_url` is only supported when `ui_mode` is `embedded`, `custom` or `elements`.", "return_url");

        var permissions = new Dictionary<string, string?>();
        if (p.Obj("permissions") is { } perm)
        {
            perm.Allow(PermissionKeys);
            RequirePreview(perm, req, "update_line_items", "update_discounts");
            foreach (var k in PermissionKeys)
                if (perm.Enum(k, "server_only", "client_only") is { } v) permissions[k] = v;
        }

        var now = Now;
        var expiresAt = p.Long("expires_at") ?? now + 24 * 3600;
        if (expiresAt < now + 30 * 60 || expiresAt > now + 24 * 3600)
            throw StripeEmulatorException.Invalid(EmulatorMessages.ExpiresAtRange, "expires_at");

        var lineParams = p.ObjList("line_items");
        if (lineParams is null || lineParams.Count == 0) throw StripeEmulatorException.Missing("line_items");
        var lines = lineParams.Select(lp => ParseNewLine(lp, create: true)).ToList();
        var currency = ValidateLines(mode, lines, p.Str("currency")?.ToLowerInvariant());

        p.StrList("payment_method_types");
        if (p.Obj("shipping_address_collection") is { } sac) { sac.Allow("allowed_countries"); sac.StrList("allowed_countries"); }
        p.Enum("billing_address_collection", "auto", "required");
        p.Str("locale");

        var sessionId = "cs_test_" + Ids.Random(58);
        var session = new Session
        {
            Id = sessionId,
            Created = now,
            Seq = NextSeq(),
            Mode = mode,
            UiMode = uiMode,
            ClientSecret = sessionId + "_secret_" + Ids.Random(40),
            Currency = currency,
            Lines = lines,
            Permissions = permissions,
            ReturnUrl = returnUrl,
            SuccessUrl = successUrl,
            CancelUrl = p.Str("cancel_url"),
            ExpiresAt = expiresAt,
            CustomerEmail = NullIfEmpty(p.Str("customer_email")),
            ClientReferenceId = NullIfEmpty(p.Str("client_reference_id")),
            Metadata = NewMetadata(p),
        };
        ApplyDiscounts(session, p, allowCouponData: true);
        ApplyShippingOptions(session, p);
        Recompute(session);
        Sessions[session.Id] = session;
        return RenderSession(session, expand);
    }

    /// <summary>Flags for the supported session expansions: <c>line_items</c>, <c>payment_intent</c>.</summary>
    [Flags]
    internal enum SessionExpand { None = 0, LineItems = 1, PaymentIntent = 2 }

    private static SessionExpand ValidateSessionExpand(Params p)
    {
        var expand = p.Expand();
        var result = SessionExpand.None;
        for (var i = 0; i < expand.Count; i++)
        {
            result |= expand[i] switch
            {
                "line_items" => SessionExpand.LineItems,
                "payment_intent" => SessionExpand.PaymentIntent,
                _ => throw StripeEmulatorException.Invalid($"This property cannot be expanded ({expand[i]}).", $"expand[{i}]"),
            };
        }
        return result;
    }

    /// <summary>A line without id: <c>price</c> or <c>price_data</c>, <c>quantity</c>, <c>tax_rates</c>.</summary>
    private LineItem ParseNewLine(Params lp, bool create)
    {
        if (create) lp.Allow("price", "price_data", "quantity", "tax_rates");
        else lp.Allow("id", "price", "price_data", "quantity", "tax_rates");
        string priceId;
        var pd = lp.Obj("price_data");
        if (pd is not null && lp.Has("price"))
            throw StripeEmulatorException.Invalid("You may only specify one of these parameters: price, price_data.", lp.Name("price"));
        if (pd is not null)
        {
            pd.Allow("currency", "unit_amount", "product", "product_data", "recurring", "tax_behavior");
            var productData = pd.Obj("product_data");
            string productId;
            if (productData is not null && pd.Has("product"))
                throw StripeEmulatorException.Invalid("You may only specify one of these parameters: product, product_data.", pd.Name("product"));
            if (productData is not null) productId = CreateInlineProduct(productData);
            else if (pd.Str("product") is { } pid) productId = FindProduct(pid, pd.Name("product"), 400).Id;
            else throw StripeEmulatorException.Missing(pd.Name("product_data"));
            priceId = BuildPrice(pd, productId, lookupKeys: false).Id;
        }
        else
        {
            var id = lp.Str("price") ?? throw StripeEmulatorException.Missing(lp.Name("price"));
            var price = FindPrice(id, lp.Name("price"), 400);
            if (!price.Active)
                throw StripeEmulatorException.Invalid("The price specified is inactive. This field only accepts active prices.", lp.Name("price"));
            priceId = price.Id;
        }
        var quantity = ReadQuantity(lp) ?? throw StripeEmulatorException.Missing(lp.Name("quantity"));
        return new LineItem { Id = Ids.New("li_"), PriceId = priceId, Quantity = quantity, TaxRateIds = ReadTaxRates(lp) ?? [] };
    }

    private static long? ReadQuantity(Params lp)
    {
        var q = lp.Long("quantity");
        if (q is < 1) throw StripeEmulatorException.Invalid("Invalid quantity: must be at least 1", lp.Name("quantity"));
        if (q > 999_999) throw StripeEmulatorException.Invalid("Invalid quantity: must be at most 999999", lp.Name("quantity"));
        return q;
    }

    private List<string>? ReadTaxRates(Params lp)
    {
        var ids = lp.StrList("tax_rates");
        if (ids is null) return null;
        for (var i = 0; i < ids.Count; i++) FindTaxRate(ids[i], $"{lp.Name("tax_rates")}[{i}]", 400);
        return ids.Distinct().ToList();
    }

    /// <summary>Mode, count and currency rules; returns the session currency.</summary>
    private string ValidateLines(string mode, List<LineItem> lines, string? requestedCurrency)
    {
        if (lines.Count == 0) throw StripeEmulatorException.Invalid(EmulatorMessages.AtLeastOneLineItem, "line_items");
        var prices = lines.Select(l => Prices[l.PriceId]).ToList();
        var recurring = prices.Count(x => x.Recurring);
        if (mode == "payment")
        {
            if (recurring > 0) throw StripeEmulatorException.Invalid(EmulatorMessages.RecurringInPaymentMode, "line_items");
            if (lines.Count > 100) throw StripeEmulatorException.Invalid(EmulatorMessages.TooManyPaymentItems, "line_items");
        }
        else
        {
            if (recurring == 0) throw StripeEmulatorException.Invalid(EmulatorMessages.SubscriptionNeedsRecurring, "line_items");
            if (recurring > 20) throw StripeEmulatorException.Invalid(EmulatorMessages.TooManyRecurringItems, "line_items");
            if (prices.Count - recurring > 20) throw StripeEmulatorException.Invalid(EmulatorMessages.TooManyOneTimeItems, "line_items");
            if (prices.Where(x => x.Recurring).Select(x => (x.Interval, x.IntervalCount)).Distinct().Count() > 1)
                throw StripeEmulatorException.Invalid(EmulatorMessages.MixedIntervals, "line_items");
        }
        var currencies = prices.Select(x => x.Currency).Distinct().ToList();
        if (currencies.Count > 1 || (requestedCurrency is not null && currencies[0] != requestedCurrency))
            throw StripeEmulatorException.Invalid(EmulatorMessages.MixedCurrencies, "line_items");
        return currencies[0];
    }

    /// <summary><c>discounts</c>: absent = unchanged, <c>""</c> = none, else exactly one <c>coupon</c> / <c>coupon_data</c> / <c>promotion_code</c>.</summary>
    private void ApplyDiscounts(Session s, Params p, bool allowCouponData)
    {
        var list = p.ObjList("discounts");
        if (list is null) return;
        if (list.Count > 1) throw StripeEmulatorException.Invalid(EmulatorMessages.OneDiscountOnly, "discounts");
        if (list.Count == 0) { s.CouponId = null; s.PromotionCode = null; return; }
        var d = list[0];
        if (allowCouponData) d.Allow("coupon", "coupon_data", "promotion_code");
        else d.Allow("coupon", "promotion_code");
        var given = new[] { "coupon", "coupon_data", "promotion_code" }.Count(d.Has);
        if (given != 1)
            throw StripeEmulatorException.Invalid("You must specify exactly one of `coupon`, `coupon_data` or `promotion_code`.", d.Name("coupon"));
        Coupon coupon;
        if (d.Str("promotion_code") is { } promo)
            throw new StripeEmulatorException(400, "invalid_request_error", $"No such promotion_code: '{promo}'", d.Name("promotion_code"), "resource_missing");
        if (d.Obj("coupon_data") is { } cd)
        {
            cd.Allow("name", "amount_off", "currency", "percent_off", "duration", "duration_in_months", "metadata");
            coupon = BuildCoupon(cd, null);
        }
        else
        {
            coupon = FindCoupon(d.ReqStr("coupon"), d.Name("coupon"), 400);
        }
        if (coupon.AmountOff is not null && coupon.Currency != s.Currency)
            throw StripeEmulatorException.Invalid(
                $"The coupon's currency ({coupon.Currency}) must match the Checkout Session's currency ({s.Currency}).", d.Name("coupon"));
        s.CouponId = coupon.Id;
        s.PromotionCode = null;
    }

    /// <summary><c>shipping_options</c>: absent = unchanged, <c>""</c> = none, else replaces (max 5).</summary>
    private void ApplyShippingOptions(Session s, Params p)
    {
        var list = p.ObjList("shipping_options");
        if (list is null) return;
        if (list.Count > 5) throw StripeEmulatorException.Invalid(EmulatorMessages.TooManyShippingOptions, "shipping_options");
        var options = new List<ShippingOption>();
        foreach (var o in list)
        {
            o.Allow("shipping_rate", "shipping_rate_data");
            ShippingRate rate;
            if (o.Obj("shipping_rate_data") is { } data)
            {
                if (o.Has("shipping_rate"))
                    throw StripeEmulatorException.Invalid("You may only specify one of these parameters: shipping_rate, shipping_rate_data.", o.Name("shipping_rate"));
                rate = BuildShippingRate(data, topLevel: false);
            }
            else
            {
                rate = FindShippingRate(o.ReqStr("shipping_rate"), o.Name("shipping_rate"), 400);
                if (!rate.Active)
                    throw StripeEmulatorException.Invalid("The shipping rate specified is inactive.", o.Name("shipping_rate"));
            }
            if (rate.Currency != s.Currency)
                throw StripeEmulatorException.Invalid(
                    $"The shipping rate's currency ({rate.Currency}) must match the Checkout Session's currency ({s.Currency}).", o.Name("shipping_rate"));
            options.Add(new ShippingOption(rate.Id, rate.Amount));
        }
        s.ShippingOptions = options;
        if (!options.Any(o => o.ShippingRateId == s.SelectedShippingRateId))
            s.SelectedShippingRateId = options.FirstOrDefault()?.ShippingRateId;
    }

    private void Recompute(Session s) =>
        Totals.Compute(s, id => Prices[id], id => TaxRates[id], id => Coupons.GetValueOrDefault(id), id => ShippingRates[id]);

    // ---------------------------------------------------------------- retrieve / list / update / expire

    internal Session FindSession(string id, RequestInfo? req, string param = "id", int status = 404)
    {
        if (!Sessions.TryGetValue(id, out var s)) throw NoSuch("checkout.session", id, param, status);
        ExpireIfDue(s);
        return s;
    }

    internal JsonObject RetrieveSession(string id, Params p, RequestInfo req)
    {
        p.Allow("expand");
        var expand = ValidateSessionExpand(p);
        return RenderSession(FindSession(id, req), expand);
    }

    internal JsonObject ListSessions(Params p)
    {
        p.Allow(ListAnd("status", "payment_intent", "subscription"));
        ExpireDueSessionsLocked();
        var status = p.Enum("status", "open", "complete", "expired");
        var pi = p.Str("payment_intent");
        var sub = p.Str("subscription");
        var items = NewestFirst(Sessions.Values.Where(x => (status is null || x.Status == status) &&
                                                           (pi is null || x.PaymentIntentId == pi) &&
                                                           (sub is null || x.SubscriptionId == sub)));
        return Page(items, x => x.Id, x => RenderSession(x, false), p, "/v1/checkout/sessions", "checkout.session");
    }

    internal JsonObject ListSessionLineItems(string id, Params p, RequestInfo req)
    {
        p.Allow(ListParams);
        var s = FindSession(id, req);
        return Page(s.Lines, x => x.Id, x => RenderLineItem(s, x), p, $"/v1/checkout/sessions/{s.Id}/line_items", "line_item");
    }

    internal JsonObject UpdateSession(string id, Params p, RequestInfo req)
    {
        p.Allow("line_items", "discounts", "shipping_options", "metadata", "collected_information", "expand");
        var expand = ValidateSessionExpand(p);
        RequirePreview(p, req, "discounts");
        if (!req.PreviewBeta && !ApiVersionRules.LineItemUpdatesGa(req.ApiVersion)) RequirePreview(p, req, "line_items");
        var s = FindSession(id, req);
        if (s.Status != "open") throw StripeEmulatorException.Invalid(EmulatorMessages.SessionNotOpen);

        // Validate and build everything on a copy, then commit.
        var draft = CloneForUpdate(s);
        if (p.ObjList("line_items") is { } items) draft.Lines = ApplyLineItemUpdate(s, items);
        ValidateLines(s.Mode, draft.Lines, null);
        ApplyDiscounts(draft, p, allowCouponData: true);
        ApplyShippingOptions(draft, p);
        if (p.Obj("collected_information") is { } ci)
        {
            ci.Allow("shipping_details");
            if (ci.Obj("shipping_details") is { } sd) draft.ShippingDetails = ReadShippingDetails(sd);
        }
        ApplyMetadataUpdate(draft, p);

        s.Lines = draft.Lines;
        s.CouponId = draft.CouponId;
        s.PromotionCode = draft.PromotionCode;
        s.ShippingOptions = draft.ShippingOptions;
        s.SelectedShippingRateId = draft.SelectedShippingRateId;
        s.ShippingDetails = draft.ShippingDetails;
        s.Metadata = draft.Metadata;
        Recompute(s);
        return RenderSession(s, expand);
    }

    private static Session CloneForUpdate(Session s) => new()
    {
        Id = s.Id, Mode = s.Mode, UiMode = s.UiMode, ClientSecret = s.ClientSecret, Currency = s.Currency,
        Lines = s.Lines.Select(l => new LineItem { Id = l.Id, PriceId = l.PriceId, Quantity = l.Quantity, TaxRateIds = [.. l.TaxRateIds] }).ToList(),
        CouponId = s.CouponId, PromotionCode = s.PromotionCode, ShippingOptions = [.. s.ShippingOptions],
        SelectedShippingRateId = s.SelectedShippingRateId, ShippingDetails = s.ShippingDetails,
        Metadata = new Dictionary<string, string>(s.Metadata, StringComparer.Ordinal),
    };

    private static ShippingDetails ReadShippingDetails(Params sd)
    {
        sd.Allow("name", "address");
        var a = sd.ReqObj("address");
        a.Allow("line1", "line2", "city", "state", "postal_code", "country");
        return new ShippingDetails(sd.ReqStr("name"),
            new ShippingAddress(a.ReqStr("line1"), a.Str("line2"), a.Str("city"), a.Str("state"), a.Str("postal_code"), a.ReqStr("country")));
    }

    /// <summary>Whole-array line item update: {id} keeps, {id, quantity…} changes, no id adds, omitted removes, order = position.</summary>
    private List<LineItem> ApplyLineItemUpdate(Session s, List<Params> items)
    {
        var result = new List<LineItem>();
        var seen = new HashSet<string>();
        foreach (var lp in items)
        {
            var id = lp.Str("id");
            if (id is null)
            {
                result.Add(ParseNewLine(lp, create: false));
                continue;
            }
            lp.Allow("id", "price", "price_data", "quantity", "tax_rates");
            var existing = s.Lines.FirstOrDefault(l => l.Id == id)
                           ?? throw new StripeEmulatorException(400, "invalid_request_error", $"No such line item: '{id}'", lp.Name("id"), "resource_missing");
            if (!seen.Add(id))
                throw StripeEmulatorException.Invalid($"Line item '{id}' appears more than once.", lp.Name("id"));
            if (lp.Has("price_data") || (lp.Str("price") is { } newPrice && newPrice != existing.PriceId))
                throw StripeEmulatorException.Invalid(EmulatorMessages.CannotChangePriceOfExistingItem, lp.Name("price"));
            result.Add(new LineItem
            {
                Id = existing.Id,
                PriceId = existing.PriceId,
                Quantity = ReadQuantity(lp) ?? existing.Quantity,
                TaxRateIds = ReadTaxRates(lp) ?? [.. existing.TaxRateIds],
            });
        }
        return result;
    }

    internal JsonObject ExpireSession(string id, Params p, RequestInfo req)
    {
        p.Allow("expand");
        var expand = ValidateSessionExpand(p);
        var s = FindSession(id, req);
        if (s.Status != "open")
            throw StripeEmulatorException.Invalid(string.Format(System.Globalization.CultureInfo.InvariantCulture, EmulatorMessages.OnlyOpenCanBeExpired, s.Status));
        Expire(s, req);
        return RenderSession(s, expand);
    }

    private void Expire(Session s, RequestInfo? req)
    {
        Sessions.Touch(s.Id);
        s.Status = "expired";
        if (s.PaymentIntentId is not null && PaymentIntents.TryGetValue(s.PaymentIntentId, out var pi) && pi.Status != "succeeded")
            pi.Status = "canceled";
        Emit("checkout.session.expired", RenderSession(s, false), req);
    }

    private void ExpireIfDue(Session s)
    {
        if (s.Status == "open" && Now >= s.ExpiresAt) Expire(s, null);
    }

    private int ExpireDueSessionsLocked()
    {
        var n = 0;
        foreach (var s in Sessions.Values.OrderBy(x => x.Seq))
        {
            if (s.Status != "open" || Now < s.ExpiresAt) continue;
            Expire(s, null);
            n++;
        }
        return n;
    }

    /// <summary>Expires every open session whose <c>expires_at</c> has passed (emits checkout.session.expired). Returns how many.</summary>
    public int ExpireDueSessions()
    {
        lock (Gate) return ExpireDueSessionsLocked();
    }

    // ---------------------------------------------------------------- public helpers for the Stripe.js stand-in and tests

    /// <summary>The session as <c>GET /v1/checkout/sessions/{id}</c> returns it (null when unknown).</summary>
    public string? GetSessionJson(string sessionId, bool expandLineItems = false)
    {
        lock (Gate)
        {
            if (!Sessions.TryGetValue(sessionId, out var s)) return null;
            ExpireIfDue(s);
            return RenderSession(s, expandLineItems).ToJsonString(Json);
        }
    }

    /// <summary>Finds a session by its client secret (what Stripe.js holds). Null when unknown.</summary>
    public string? FindSessionIdByClientSecret(string clientSecret)
    {
        lock (Gate) return Sessions.Values.FirstOrDefault(s => s.ClientSecret == clientSecret)?.Id;
    }

    /// <summary>Selects one of the session's shipping options (the customer's choice); totals are recomputed.</summary>
    public string SelectShippingOption(string sessionId, string shippingRateId)
    {
        lock (Gate)
        {
            var s = FindOpenSession(sessionId);
            if (s.ShippingOptions.All(o => o.ShippingRateId != shippingRateId))
                throw StripeEmulatorException.Invalid($"The shipping rate '{shippingRateId}' is not one of this session's shipping options.", "shipping_rate");
            s.SelectedShippingRateId = shippingRateId;
            Recompute(s);
            return RenderSession(s, false).ToJsonString(Json);
        }
    }

    /// <summary>
    /// The value of <c>permissions.{name}</c> (<c>update_line_items</c>, <c>update_discounts</c>,
    /// <c>update_shipping_details</c>): "server_only", "client_only" or null when not set.
    /// </summary>
    public string? GetPermission(string sessionId, string name)
    {
        lock (Gate) return FindSession(sessionId, null).Permissions.GetValueOrDefault(name);
    }

    /// <summary>
    /// A customer-side quantity change (Stripe.js <c>updateLineItemQuantity</c>): refused with 400 when
    /// <c>permissions.update_line_items</c> is <c>server_only</c>; totals are recomputed.
    /// </summary>
    public string UpdateLineItemQuantityAsClient(string sessionId, string lineItemId, long quantity)
    {
        lock (Gate)
        {
            var s = FindOpenSession(sessionId);
            if (s.Permissions.GetValueOrDefault("update_line_items") == "server_only")
                throw new StripeEmulatorException(400, "invalid_request_error", EmulatorMessages.ClientUpdateForbidden, "line_items", "permission_denied");
            var line = s.Lines.FirstOrDefault(l => l.Id == lineItemId)
                       ?? throw new StripeEmulatorException(400, "invalid_request_error", $"No such line item: '{lineItemId}'", "line_items", "resource_missing");
            if (quantity is < 1 or > 999_999) throw StripeEmulatorException.Invalid("Invalid quantity: must be between 1 and 999999", "quantity");
            line.Quantity = quantity;
            Recompute(s);
            return RenderSession(s, true).ToJsonString(Json);
        }
    }

    /// <summary>Records the customer's shipping name and address (collected_information.shipping_details).</summary>
    public string SetShippingDetails(string sessionId, string name, ShippingAddress address)
    {
        lock (Gate)
        {
            var s = FindOpenSession(sessionId);
            s.ShippingDetails = new ShippingDetails(name, address);
            return RenderSession(s, false).ToJsonString(Json);
        }
    }

    /// <summary>Records the email the customer typed (customer_details.email on completion).</summary>
    public string SetCustomerEmail(string sessionId, string email)
    {
        lock (Gate)
        {
            var s = FindOpenSession(sessionId);
            s.CollectedEmail = email;
            return RenderSession(s, false).ToJsonString(Json);
        }
    }

    private Session FindOpenSession(string sessionId)
    {
        var s = FindSession(sessionId, null);
        if (s.Status != "open") throw StripeEmulatorException.Invalid(EmulatorMessages.SessionNotOpen);
        return s;
    }

    /// <summary>
    /// Pays an open session as the customer would. Succeeded: status complete, payment_status paid (no_payment_required
    /// for a zero total), a succeeded pi_ (payment mode) or a sub_ id (subscription mode), checkout.session.completed.
    /// Processing: complete but unpaid, pi_ processing, checkout.session.completed; settle with <see cref="SettleAsyncPayment"/>.
    /// Failed: nothing completes, the session stays open, the pi_ (payment mode) is left requires_payment_method with the
    /// decline recorded; no event. <paramref name="declineCode"/>: generic_decline (default), insufficient_funds, expired_card…
    /// Throws <see cref="StripeEmulatorException"/> (404 unknown session, 400 not open).
    /// </summary>
    public CheckoutCompletion CompleteCheckoutSession(string sessionId, PaymentOutcome outcome = PaymentOutcome.Succeeded,
        string? declineCode = null, string? email = null) =>
        CompleteCheckoutSession(sessionId, outcome, declineCode, email, null);

    internal CheckoutCompletion CompleteCheckoutSession(string sessionId, PaymentOutcome outcome, string? declineCode, string? email, RequestInfo? req)
    {
        lock (Gate)
        {
            var s = FindSession(sessionId, req);
            if (s.Status != "open") throw StripeEmulatorException.Invalid(EmulatorMessages.SessionNotOpen);
            if (email is not null) s.CollectedEmail = email;
            PaymentIntent? pi = null;
            if (s.Mode == "payment")
            {
                if (s.PaymentIntentId is null || !PaymentIntents.TryGetValue(s.PaymentIntentId, out pi))
                {
                    pi = NewPaymentIntent(s.AmountTotal, s.Currency ?? "usd");
                    s.PaymentIntentId = pi.Id;
                }
                pi.Amount = s.AmountTotal;
            }
            if (outcome == PaymentOutcome.Failed)
            {
                declineCode ??= "generic_decline";
                var (code, message) = declineCode switch
                {
                    "insufficient_funds" => ("card_declined", "Your card has insufficient funds."),
                    "expired_card" => ("expired_card", "Your card has expired."),
                    "incorrect_cvc" => ("incorrect_cvc", "Your card's security code is incorrect."),
                    _ => ("card_declined", EmulatorMessages.CardDeclined),
                };
                if (pi is not null)
                {
                    pi.Status = "requires_payment_method";
                    pi.ErrorCode = code;
                    pi.DeclineCode = declineCode;
                }
                return new CheckoutCompletion(false, RenderSession(s, false).ToJsonString(Json), code, declineCode, message);
            }
            s.Status = "complete";
            if (outcome == PaymentOutcome.Processing)
            {
                s.PaymentStatus = "unpaid";
                if (pi is not null) pi.Status = "processing";
            }
            else
            {
                s.PaymentStatus = s.AmountTotal == 0 ? "no_payment_required" : "paid";
                if (pi is not null) { pi.Status = "succeeded"; pi.ErrorCode = null; pi.DeclineCode = null; }
            }
            if (s.Mode == "subscription") s.SubscriptionId = Ids.New("sub_");
            var json = RenderSession(s, false);
            Emit("checkout.session.completed", json, req);
            return new CheckoutCompletion(true, json.ToJsonString(Json), null, null, null);
        }
    }

    /// <summary>Ends a delayed payment (after <see cref="PaymentOutcome.Processing"/>): paid + async_payment_succeeded, or async_payment_failed.</summary>
    public string SettleAsyncPayment(string sessionId, bool succeeded) => SettleAsyncPayment(sessionId, succeeded, null);

    internal string SettleAsyncPayment(string sessionId, bool succeeded, RequestInfo? req)
    {
        lock (Gate)
        {
            var s = FindSession(sessionId, req);
            if (s.Status != "complete" || s.PaymentStatus != "unpaid")
                throw StripeEmulatorException.Invalid("This Checkout Session has no payment awaiting settlement.");
            PaymentIntent? pi = s.PaymentIntentId is null ? null : PaymentIntents.GetValueOrDefault(s.PaymentIntentId);
            if (succeeded)
            {
                s.PaymentStatus = "paid";
                if (pi is not null) pi.Status = "succeeded";
            }
            else if (pi is not null)
            {
                pi.Status = "requires_payment_method";
                pi.ErrorCode = "payment_failed";
            }
            var json = RenderSession(s, false);
            Emit(succeeded ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed", json, req);
            return json.ToJsonString(Json);
        }
    }

    // ---------------------------------------------------------------- payment intents

    private PaymentIntent NewPaymentIntent(long amount, string currency)
    {
        var id = Ids.New("pi_");
        var pi = new PaymentIntent
        {
            Id = id, Created = Now, Seq = NextSeq(), Amount = amount, Currency = currency,
            ClientSecret = id + "_secret_" + Ids.Random(25),
        };
        PaymentIntents[id] = pi;
        return pi;
    }

    internal JsonObject CreatePaymentIntent(Params p)
    {
        p.Allow("amount", "currency", "metadata", "description", "automatic_payment_methods", "payment_method_types", "expand");
        var amount = p.Long("amount") ?? throw StripeEmulatorException.Missing("amount");
        if (amount < 1) throw StripeEmulatorException.Invalid("Invalid amount: must be at least 1", "amount");
        if (p.Obj("automatic_payment_methods") is { } apm) { apm.Allow("enabled", "allow_redirects"); apm.Bool("enabled"); }
        p.StrList("payment_method_types");
        var pi = NewPaymentIntent(amount, p.ReqStr("currency").ToLowerInvariant());
        pi.Description = p.Str("description");
        pi.Metadata = NewMetadata(p);
        return RenderPaymentIntent(pi);
    }

    internal PaymentIntent FindPaymentIntent(string id) =>
        PaymentIntents.TryGetValue(id, out var x) ? x : throw NoSuch("payment_intent", id, "id", 404);

    internal JsonObject UpdatePaymentIntent(string id, Params p)
    {
        p.Allow("amount", "metadata", "description", "expand");
        var pi = FindPaymentIntent(id);
        if (p.Long("amount") is { } amount)
        {
            if (pi.Status is not ("requires_payment_method" or "requires_confirmation"))
                throw StripeEmulatorException.Invalid(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    EmulatorMessages.PaymentIntentAmountLocked, pi.Status), "amount", "payment_intent_unexpected_state");
            if (amount < 1) throw StripeEmulatorException.Invalid("Invalid amount: must be at least 1", "amount");
            pi.Amount = amount;
        }
        if (p.Has("description")) pi.Description = NullIfEmpty(p.Str("description"));
        ApplyMetadataUpdate(pi, p);
        return RenderPaymentIntent(pi);
    }

    internal JsonObject RenderPaymentIntent(PaymentIntent x) => new()
    {
        ["id"] = x.Id,
        ["object"] = "payment_intent",
        ["amount"] = x.Amount,
        ["amount_received"] = x.Status == "succeeded" ? x.Amount : 0,
        ["client_secret"] = x.ClientSecret,
        ["created"] = x.Created,
        ["currency"] = x.Currency,
        ["description"] = x.Description,
        ["last_payment_error"] = x.ErrorCode is null ? null : new JsonObject
        {
            ["type"] = "card_error",
            ["code"] = x.ErrorCode,
            ["decline_code"] = x.DeclineCode,
            ["message"] = EmulatorMessages.CardDeclined,
        },
        ["latest_charge"] = null,
        ["livemode"] = false,
        ["metadata"] = RenderMetadata(x.Metadata),
        ["payment_method_types"] = new JsonArray("card"),
        ["status"] = x.Status,
    };

    // ---------------------------------------------------------------- rendering

    internal JsonObject RenderSession(Session s, bool expandLineItems) =>
        RenderSession(s, expandLineItems ? SessionExpand.LineItems : SessionExpand.None);

    internal JsonObject RenderSession(Session s, SessionExpand expand)
    {
        var expandLineItems = expand.HasFlag(SessionExpand.LineItems);
        var shippingOptions = new JsonArray();
        foreach (var o in s.ShippingOptions)
            shippingOptions.Add(new JsonObject { ["shipping_amount"] = o.Amount, ["shipping_rate"] = o.ShippingRateId });
        var discounts = new JsonArray();
        if (s.CouponId is not null) discounts.Add(new JsonObject { ["coupon"] = s.CouponId, ["promotion_code"] = s.PromotionCode });
        var email = s.CollectedEmail ?? s.CustomerEmail;
        var o2 = new JsonObject
        {
            ["id"] = s.Id,
            ["object"] = "checkout.session",
            ["after_expiration"] = null,
            ["allow_promotion_codes"] = null,
            ["amount_subtotal"] = s.AmountSubtotal,
            ["amount_total"] = s.AmountTotal,
            ["automatic_tax"] = new JsonObject { ["enabled"] = false, ["liability"] = null, ["status"] = null },
            ["billing_address_collection"] = null,
            ["cancel_url"] = s.CancelUrl,
            ["client_reference_id"] = s.ClientReferenceId,
            ["client_secret"] = s.ClientSecret,
            ["collected_information"] = s.ShippingDetails is null ? null : new JsonObject
            {
                ["shipping_details"] = RenderShippingDetails(s.ShippingDetails),
            },
            ["created"] = s.Created,
            ["currency"] = s.Currency,
            ["customer"] = null,
            ["customer_creation"] = s.Mode == "subscription" ? "always" : "if_required",
            ["customer_details"] = s.Status == "complete" || s.CollectedEmail is not null
                ? new JsonObject { ["address"] = null, ["email"] = email, ["name"] = s.ShippingDetails?.Name, ["phone"] = null, ["tax_exempt"] = "none", ["tax_ids"] = new JsonArray() }
                : null,
            ["customer_email"] = s.CustomerEmail,
            ["discounts"] = discounts,
            ["expires_at"] = s.ExpiresAt,
            ["invoice"] = null,
            ["livemode"] = false,
            ["locale"] = null,
            ["metadata"] = RenderMetadata(s.Metadata),
            ["mode"] = s.Mode,
            ["payment_intent"] = expand.HasFlag(SessionExpand.PaymentIntent) && s.PaymentIntentId is not null && PaymentIntents.TryGetValue(s.PaymentIntentId, out var pi)
                ? RenderPaymentIntent(pi)
                : s.PaymentIntentId,
            ["payment_method_types"] = new JsonArray("card"),
            ["payment_status"] = s.PaymentStatus,
            ["permissions"] = s.Permissions.Count == 0 ? null : new JsonObject
            {
                ["update_discounts"] = s.Permissions.GetValueOrDefault("update_discounts"),
                ["update_line_items"] = s.Permissions.GetValueOrDefault("update_line_items"),
                ["update_shipping_details"] = s.Permissions.GetValueOrDefault("update_shipping_details"),
            },
            ["return_url"] = s.ReturnUrl,
            ["shipping_cost"] = s.SelectedShippingRateId is null ? null : new JsonObject
            {
                ["amount_subtotal"] = s.AmountShipping,
                ["amount_tax"] = 0,
                ["amount_total"] = s.AmountShipping,
                ["shipping_rate"] = s.SelectedShippingRateId,
            },
            ["shipping_options"] = shippingOptions,
            ["status"] = s.Status,
            ["subscription"] = s.SubscriptionId,
            ["success_url"] = s.SuccessUrl,
            ["total_details"] = new JsonObject
            {
                ["amount_discount"] = s.AmountDiscount,
                ["amount_shipping"] = s.AmountShipping,
                ["amount_tax"] = s.AmountTaxExclusive + s.AmountTaxInclusive,
            },
            ["ui_mode"] = s.UiMode,
            ["url"] = null,
        };
        if (expandLineItems)
        {
            var data = new JsonArray();
            foreach (var l in s.Lines.Take(100)) data.Add(RenderLineItem(s, l));
            o2["line_items"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = data,
                ["has_more"] = s.Lines.Count > 100,
                ["url"] = $"/v1/checkout/sessions/{s.Id}/line_items",
            };
        }
        return o2;
    }

    private static JsonObject RenderShippingDetails(ShippingDetails d) => new()
    {
        ["address"] = new JsonObject
        {
            ["city"] = d.Address.City,
            ["country"] = d.Address.Country,
            ["line1"] = d.Address.Line1,
            ["line2"] = d.Address.Line2,
            ["postal_code"] = d.Address.PostalCode,
            ["state"] = d.Address.State,
        },
        ["name"] = d.Name,
    };

    internal JsonObject RenderLineItem(Session s, LineItem l)
    {
        var price = Prices[l.PriceId];
        var taxes = new JsonArray();
        foreach (var t in l.Taxes)
        {
            taxes.Add(new JsonObject
            {
                ["amount"] = t.Amount,
                ["rate"] = RenderTaxRate(TaxRates[t.TaxRateId]),
                ["taxability_reason"] = null,
                ["taxable_amount"] = t.TaxableAmount,
            });
        }
        return new JsonObject
        {
            ["id"] = l.Id,
            ["object"] = "item",
            ["amount_discount"] = l.AmountDiscount,
            ["amount_subtotal"] = l.AmountSubtotal,
            ["amount_tax"] = l.AmountTax,
            ["amount_total"] = l.AmountTotal,
            ["currency"] = price.Currency,
            ["description"] = Products.TryGetValue(price.ProductId, out var product) ? product.Name : null,
            ["price"] = RenderPrice(price),
            ["quantity"] = l.Quantity,
            ["taxes"] = taxes,
        };
    }
}
