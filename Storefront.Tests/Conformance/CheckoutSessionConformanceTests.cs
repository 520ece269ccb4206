using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Storefront.StripeEmulator;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Conformance;

[Collection(ConformanceCollection.Name)]
public sealed class CheckoutSessionConformanceTests(ConformanceHost host)
{
    private IStripeGateway Stripe => host.Gateway;

    [Fact]
    public async Task Create_retrieve_with_expand_update_metadata_and_expire()
    {
        var mug = await Stripe.NewPrice(1200, name: "Mug");
        var ship = await Stripe.CreateShippingRateAsync(new ShippingRateCreateRequest
        {
            DisplayName = "Ground",
            FixedAmount = new FixedAmountParams { Amount = 500, Currency = "usd" },
        });
        var created = await Stripe.CreateCheckoutSessionAsync(new CheckoutSessionCreateRequest
        {
            Mode = "payment",
            ReturnUrl = Support.ReturnUrl,
            LineItems = [SessionLineItemParams.AddPrice(mug, 2)],
            ShippingOptions = [new SessionShippingOptionParams { ShippingRate = ship.Id }],
            Permissions = SessionPermissionsParams.AllServerOnly,
            CustomerEmail = "a@shop.test",
            ClientReferenceId = "order-17",
            Metadata = new Dictionary<string, string> { ["checkout_id"] = "17" },
        });
        Assert.StartsWith("cs_test_", created.Id);
        Assert.Equal("checkout.session", created.Object);
        Assert.Equal("open", created.Status);
        Assert.Equal("unpaid", created.PaymentStatus);
        Assert.Equal("payment", created.Mode);
        Assert.Equal("custom", created.UiMode);
        Assert.Equal("usd", created.Currency);
        Assert.Equal(2400, created.AmountSubtotal);
        Assert.Equal(2900, created.AmountTotal);
        Assert.Equal(new StripeTotalDetails { AmountDiscount = 0, AmountShipping = 500, AmountTax = 0 }, created.TotalDetails);
        Assert.Equal(500, created.ShippingCost!.AmountTotal);
        Assert.Equal(ship.Id, created.ShippingCost.ShippingRate);
        Assert.Equal(ship.Id, created.ShippingOptions!.Single().ShippingRate);
        Assert.Equal(500, created.ShippingOptions!.Single().ShippingAmount);
        Assert.Null(created.LineItems);
        Assert.False(string.IsNullOrEmpty(created.ClientSecret));
        Assert.Equal(Support.ReturnUrl, created.ReturnUrl);
        Assert.Equal("a@shop.test", created.CustomerEmail);
        Assert.Equal("order-17", created.ClientReferenceId);
        Assert.Equal("17", created.Metadata!["checkout_id"]);
        Assert.Equal("server_only", created.Permissions!.UpdateLineItems);
        Assert.Equal("server_only", created.Permissions.UpdateDiscounts);
        Assert.Equal("server_only", created.Permissions.UpdateShippingDetails);
        Assert.Equal(created.Created + (24 * 3600), created.ExpiresAt);
        Assert.False(created.Livemode);

        var plain = await Stripe.GetCheckoutSessionAsync(created.Id);
        Assert.Null(plain.LineItems);
        Assert.Equal(created.AmountTotal, plain.AmountTotal);

        var expanded = await Stripe.Expanded(created.Id);
        var item = Assert.Single(expanded.LineItems!.Data);
        Assert.StartsWith("li_", item.Id);
        Assert.Equal("item", item.Object);
        Assert.Equal("Mug", item.Description);
        Assert.Equal(2, item.Quantity);
        Assert.Equal(mug, item.Price!.Id);
        Assert.Equal(1200, item.Price.UnitAmount);
        Assert.Equal(2400, item.AmountSubtotal);
        Assert.Equal(2400, item.AmountTotal);

        var updated = await Stripe.UpdateCheckoutSessionAsync(created.Id, new CheckoutSessionUpdateRequest
        {
            Metadata = new Dictionary<string, string> { ["checkout_id"] = "18" },
            Expand = ["line_items"],
        });
        Assert.Equal("18", updated.Metadata!["checkout_id"]);
        Assert.Equal(item.Id, Assert.Single(updated.LineItems!.Data).Id);

        var expired = await Stripe.ExpireCheckoutSessionAsync(created.Id);
        Assert.Equal("expired", expired.Status);

        await Support.AssertStripeError(() => Stripe.ExpireCheckoutSessionAsync(created.Id), HttpStatusCode.BadRequest,
            "invalid_request_error", code: null, param: null,
            message: string.Format(System.Globalization.CultureInfo.InvariantCulture, EmulatorMessages.OnlyOpenCanBeExpired, "expired"));
        await Support.AssertStripeError(
            () => Stripe.UpdateCheckoutSessionAsync(created.Id, new CheckoutSessionUpdateRequest { LineItems = [SessionLineItemParams.Change(item.Id, 3)] }),
            HttpStatusCode.BadRequest, "invalid_request_error", code: null, param: null, message: EmulatorMessages.SessionNotOpen);
    }

    [Fact]
    public async Task Line_item_list_paginates_in_position_order()
    {
        var a = await Stripe.NewPrice(100, name: "A");
        var b = await Stripe.NewPrice(200, name: "B");
        var c = await Stripe.NewPrice(300, name: "C");
        var s = await Stripe.NewSession(SessionLineItemParams.AddPrice(a, 1), SessionLineItemParams.AddPrice(b, 2), SessionLineItemParams.AddPrice(c, 3));

        var all = await Stripe.ListCheckoutSessionLineItemsAsync(s.Id);
        Assert.Equal("list", all.Object);
        Assert.Equal($"/v1/checkout/sessions/{s.Id}/line_items", all.Url);
        Assert.False(all.HasMore);
        Assert.Equal(["A", "B", "C"], all.Data.Select(i => i.Description));

        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 3; page++)
        {
            var one = await Stripe.ListCheckoutSessionLineItemsAsync(s.Id, new StripeListRequest { Limit = 1, StartingAfter = after });
            var item = Assert.Single(one.Data);
            Assert.Equal(page < 2, one.HasMore);
            seen.Add(item.Id);
            after = item.Id;
        }
        Assert.Equal(all.Data.Select(i => i.Id), seen);
        var empty = await Stripe.ListCheckoutSessionLineItemsAsync(s.Id, new StripeListRequest { Limit = 1, StartingAfter = after });
        Assert.Empty(empty.Data);
        Assert.False(empty.HasMore);

        var before = await Stripe.ListCheckoutSessionLineItemsAsync(s.Id, new StripeListRequest { Limit = 1, EndingBefore = seen[2] });
        Assert.Equal(seen[1], Assert.Single(before.Data).Id);
    }

    [Fact]
    public async Task Line_item_ids_keep_change_add_remove_reorder()
    {
        var a = await Stripe.NewPrice(100, name: "A");
        var b = await Stripe.NewPrice(200, name: "B");
        var c = await Stripe.NewPrice(300, name: "C");
        var d = await Stripe.NewPrice(400, name: "D");
        var s = await Stripe.NewSession(SessionLineItemParams.AddPrice(a, 1), SessionLineItemParams.AddPrice(b, 1), SessionLineItemParams.AddPrice(c, 1));
        var items = (await Stripe.Expanded(s.Id)).LineItems!.Data;
        var (liA, liB, liC) = (items[0].Id, items[1].Id, items[2].Id);
        Assert.Equal(3, new[] { liA, liB, liC }.Distinct().Count());

        // Keep A, change B to 4, remove C, add D (new id), add price_data E.
        var updated = await Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest
        {
            LineItems =
            [
                SessionLineItemParams.Keep(liA),
                SessionLineItemParams.Change(liB, 4),
                SessionLineItemParams.AddPrice(d, 2),
                SessionLineItemParams.AddPriceData(new SessionPriceDataParams
                {
                    Currency = "usd",
                    UnitAmount = 50,
                    ProductData = new SessionProductDataParams { Name = "E" },
                }, 3),
            ],
        });
        Assert.Equal(100 + 800 + 800 + 150, updated.AmountSubtotal);
        var after = (await Stripe.Expanded(s.Id)).LineItems!.Data;
        Assert.Equal(["A", "B", "D", "E"], after.Select(i => i.Description));
        Assert.Equal(liA, after[0].Id);
        Assert.Equal(liB, after[1].Id);
        Assert.Equal([1L, 4L, 2L, 3L], after.Select(i => i.Quantity!.Value));
        Assert.DoesNotContain(after, i => i.Id == liC);
        var (liD, liE) = (after[2].Id, after[3].Id);
        Assert.StartsWith("li_", liD);
        Assert.Equal(4, after.Select(i => i.Id).Distinct().Count());

        // Reorder: E, B, A, D — same ids, new positions.
        await Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest
        {
            LineItems = [SessionLineItemParams.Keep(liE), SessionLineItemParams.Keep(liB), SessionLineItemParams.Keep(liA), SessionLineItemParams.Keep(liD)],
        });
        var reordered = (await Stripe.Expanded(s.Id)).LineItems!.Data;
        Assert.Equal([liE, liB, liA, liD], reordered.Select(i => i.Id));
        Assert.Equal([3L, 4L, 1L, 2L], reordered.Select(i => i.Quantity!.Value));
        var listed = await Stripe.ListCheckoutSessionLineItemsAsync(s.Id);
        Assert.Equal([liE, liB, liA, liD], listed.Data.Select(i => i.Id));

        // An id that is not on the session is rejected with the param pointing at it.
        await Support.AssertStripeError(
            () => Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest { LineItems = [SessionLineItemParams.Keep(liC)] }),
            HttpStatusCode.BadRequest, "invalid_request_error", "resource_missing", "line_items[0][id]");
    }

    [Fact]
    public async Task Payment_intent_retrieve_update_amount_and_status_guard()
    {
        var price = await Stripe.NewPrice(2500);
        var s = await Stripe.NewSession(SessionLineItemParams.AddPrice(price, 1));

        // A declined attempt leaves a requires_payment_method intent whose amount may still change.
        var declined = host.State.CompleteCheckoutSession(s.Id, PaymentOutcome.Failed, "insufficient_funds");
        Assert.False(declined.Succeeded);
        var session = await Stripe.GetCheckoutSessionAsync(s.Id);
        Assert.Equal("open", session.Status);
        var piId = session.PaymentIntent!;
        var pi = await Stripe.GetPaymentIntentAsync(piId);
        Assert.Equal("payment_intent", pi.Object);
        Assert.Equal("requires_payment_method", pi.Status);
        Assert.Equal(2500, pi.Amount);
        Assert.Equal("usd", pi.Currency);

        var changed = await Stripe.UpdatePaymentIntentAsync(piId, new PaymentIntentUpdateRequest
        {
            Amount = 2700,
            Metadata = new Dictionary<string, string> { ["reason"] = "gift wrap" },
        });
        Assert.Equal(2700, changed.Amount);
        Assert.Equal("gift wrap", changed.Metadata!["reason"]);

        Assert.True(host.State.CompleteCheckoutSession(s.Id).Succeeded);
        var paid = await Stripe.GetPaymentIntentAsync(piId);
        Assert.Equal("succeeded", paid.Status);
        await Support.AssertStripeError(
            () => Stripe.UpdatePaymentIntentAsync(piId, new PaymentIntentUpdateRequest { Amount = 100 }),
            HttpStatusCode.BadRequest, "invalid_request_error", "payment_intent_unexpected_state", "amount");
    }

    [Fact]
    public async Task Event_retrieve_matches_the_emulator_event()
    {
        var price = await Stripe.NewPrice(800);
        var s = await Stripe.NewSession(SessionLineItemParams.AddPrice(price, 1));
        await Stripe.ExpireCheckoutSessionAsync(s.Id, StripeRequestOptions.WithIdempotencyKey(Support.Unique("expire")));
        var (eventId, type) = host.State.EventList.First(e => e.Type == StripeEventTypes.CheckoutSessionExpired
            && host.State.GetEventJson(e.Id)!.Contains(s.Id, StringComparison.Ordinal));

        var ev = await Stripe.GetEventAsync(eventId);
        Assert.Equal(eventId, ev.Id);
        Assert.Equal("event", ev.Object);
        Assert.Equal(type, ev.Type);
        Assert.Equal("2025-03-31.basil", ev.ApiVersion);
        Assert.Equal(s.Id, ev.GetCheckoutSession().Id);
        Assert.Equal("expired", ev.GetCheckoutSession().Status);
        Assert.StartsWith("expire_", ev.Request!.IdempotencyKey);
        Assert.StartsWith("req_", ev.Request.Id);

        await Support.AssertStripeError(() => Stripe.GetEventAsync("evt_missing"), HttpStatusCode.NotFound,
            "invalid_request_error", "resource_missing", "id", "No such event: 'evt_missing'");
    }

    [Fact]
    public async Task Errors_arrive_as_typed_StripeException()
    {
        // 401: a key the emulator does not accept (live keys are test-only there).
        await using (var bad = host.BuildProvider(secretKey: "sk_live_not_accepted_1234", publishableKey: "pk_live_x"))
        {
            var ex = await Support.AssertStripeError(() => bad.GetRequiredService<IStripeGateway>().GetProductAsync("prod_x"),
                HttpStatusCode.Unauthorized, "invalid_request_error", code: null, param: null);
            Assert.StartsWith("Invalid API Key provided: sk_live_", ex.Message);
            Assert.DoesNotContain("not_accepted", ex.Message);
        }

        // 404 with the URL id as param.
        await Support.AssertStripeError(() => Stripe.GetCheckoutSessionAsync("cs_test_missing"), HttpStatusCode.NotFound,
            "invalid_request_error", "resource_missing", "id", "No such checkout.session: 'cs_test_missing'");
        await Support.AssertStripeError(() => Stripe.GetPriceAsync("price_missing"), HttpStatusCode.NotFound,
            "invalid_request_error", "resource_missing", "id", "No such price: 'price_missing'");

        // 400 resource_missing for an id in the parameters.
        await Support.AssertStripeError(() => Stripe.NewSession(SessionLineItemParams.AddPrice("price_missing", 1)),
            HttpStatusCode.BadRequest, "invalid_request_error", "resource_missing", "line_items[0][price]");

        // 400 unknown parameter: the typed requests only carry known fields, so go through the same transport raw.
        var transport = host.BuildProvider().GetRequiredService<StripeHttpTransport>();
        await Support.AssertStripeError(
            () => transport.PostAsync<StripeProduct>("/v1/products", new Dictionary<string, object?> { ["name"] = "X", ["colour"] = "red" }, null, default),
            HttpStatusCode.BadRequest, "invalid_request_error", "parameter_unknown", "colour", "Received unknown parameter: colour");

        // 400 recurring price in payment mode.
        var monthly = await Stripe.NewPrice(900, interval: "month");
        await Support.AssertStripeError(() => Stripe.NewSession(SessionLineItemParams.AddPrice(monthly, 1)),
            HttpStatusCode.BadRequest, "invalid_request_error", code: null, param: "line_items",
            message: EmulatorMessages.RecurringInPaymentMode);
    }

    [Fact]
    public async Task Create_with_coupon_expires_at_and_shipping_then_clear_metadata_and_shipping()
    {
        var price = await Stripe.NewPrice(3000);
        var coupon = await Stripe.CreateCouponAsync(new CouponCreateRequest { PercentOff = 20m });
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600);
        var s = await Stripe.CreateCheckoutSessionAsync(new CheckoutSessionCreateRequest
        {
            Mode = "payment",
            ReturnUrl = Support.ReturnUrl,
            LineItems = [SessionLineItemParams.AddPrice(price, 1)],
            Discounts = [SessionDiscountParams.ForCoupon(coupon.Id)],
            ShippingOptions =
            [
                new SessionShippingOptionParams { ShippingRateData = new ShippingRateDataParams { DisplayName = "Express", FixedAmount = new FixedAmountParams { Amount = 1500, Currency = "usd" } } },
                new SessionShippingOptionParams { ShippingRateData = new ShippingRateDataParams { DisplayName = "Ground", FixedAmount = new FixedAmountParams { Amount = 500, Currency = "usd" } } },
            ],
            Metadata = new Dictionary<string, string> { ["a"] = "1" },
            ExpiresAt = expiresAt,
        });
        Assert.Equal(expiresAt.ToUnixTimeSeconds(), s.ExpiresAt);
        Assert.Equal(coupon.Id, Assert.Single(s.Discounts!).Coupon);
        // 3000 − 600 + first option 1500.
        Assert.Equal(new StripeTotalDetails { AmountDiscount = 600, AmountShipping = 1500, AmountTax = 0 }, s.TotalDetails);
        Assert.Equal(3900, s.AmountTotal);
        Assert.Equal([1500L, 500L], s.ShippingOptions!.Select(o => o.ShippingAmount!.Value));

        var updated = await Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest
        {
            Metadata = new Dictionary<string, string>(),
            ShippingOptions = CheckoutSessionUpdateRequest.Clear<SessionShippingOptionParams>(),
        });
        Assert.Empty(updated.Metadata ?? new Dictionary<string, string>());
        Assert.Empty(updated.ShippingOptions ?? []);
        Assert.Equal(0, updated.TotalDetails!.AmountShipping);
        Assert.Equal(2400, updated.AmountTotal);

        // expires_at outside 30 min – 24 h is refused.
        await Support.AssertStripeError(() => Stripe.CreateCheckoutSessionAsync(new CheckoutSessionCreateRequest
        {
            Mode = "payment",
            ReturnUrl = Support.ReturnUrl,
            LineItems = [SessionLineItemParams.AddPrice(price, 1)],
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(5),
        }), HttpStatusCode.BadRequest, "invalid_request_error", code: null, param: "expires_at", message: EmulatorMessages.ExpiresAtRange);
    }

    [Fact]
    public async Task Update_guards_empty_line_items_mixed_currencies_and_complete_sessions()
    {
        var usd = await Stripe.NewPrice(1000);
        var yen = await Stripe.NewPrice(1000, "jpy");
        var s = await Stripe.NewSession(SessionLineItemParams.AddPrice(usd, 1));
        var li = (await Stripe.Expanded(s.Id)).LineItems!.Data[0].Id;

        var empty = await Assert.ThrowsAsync<StripeException>(() => Stripe.UpdateCheckoutSessionAsync(s.Id,
            new CheckoutSessionUpdateRequest { LineItems = CheckoutSessionUpdateRequest.Clear<SessionLineItemParams>() }));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", EmulatorMessages.AtLeastOneLineItem), (empty.HttpStatus!.Value, empty.Type!, empty.Message));

        var mixed = await Assert.ThrowsAsync<StripeException>(() => Stripe.UpdateCheckoutSessionAsync(s.Id,
            new CheckoutSessionUpdateRequest { LineItems = [SessionLineItemParams.Keep(li), SessionLineItemParams.AddPrice(yen, 1)] }));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", EmulatorMessages.MixedCurrencies), (mixed.HttpStatus!.Value, mixed.Type!, mixed.Message));

        // Nothing changed by the refused updates.
        var unchanged = await Stripe.Expanded(s.Id);
        Assert.Equal([li], unchanged.LineItems!.Data.Select(i => i.Id));
        Assert.Equal(1000, unchanged.AmountTotal);

        Assert.True(host.State.CompleteCheckoutSession(s.Id).Succeeded);
        var complete = await Stripe.GetCheckoutSessionAsync(s.Id);
        Assert.Equal(("complete", "paid"), (complete.Status, complete.PaymentStatus));
        await Support.AssertStripeError(
            () => Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest { Discounts = [SessionDiscountParams.PercentOff("late", 5m)] }),
            HttpStatusCode.BadRequest, "invalid_request_error", code: null, param: null, message: EmulatorMessages.SessionNotOpen);
        await Support.AssertStripeError(() => Stripe.ExpireCheckoutSessionAsync(s.Id), HttpStatusCode.BadRequest, "invalid_request_error",
            code: null, param: null,
            message: string.Format(System.Globalization.CultureInfo.InvariantCulture, EmulatorMessages.OnlyOpenCanBeExpired, "complete"));
    }
}
