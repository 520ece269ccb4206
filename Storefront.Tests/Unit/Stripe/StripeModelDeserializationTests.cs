using System.Text.Json;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Unit.Stripe;

public sealed class StripeModelDeserializationTests
{
    private const string SessionJson = """
        {
          "id": "cs_test_a1B2c3",
          "object": "checkout.session",
          "adaptive_pricing": {"enabled": false},
          "amount_subtotal": 5000,
          "amount_total": 5195,
          "client_reference_id": "chk_42",
          "client_secret": "cs_test_a1B2c3_secret_xyz",
          "collected_information": {
            "shipping_details": {
              "name": "Ada Lovelace",
              "address": {"city": "London", "country": "GB", "line1": "12 St James's Square", "line2": null, "postal_code": "SW1Y 4JH", "state": null}
            }
          },
          "created": 1794990000,
          "currency": "eur",
          "customer": null,
          "customer_email": "ada@example.com",
          "discounts": [{"coupon": "co_gold10", "promotion_code": null}],
          "expires_at": 1795076400,
          "line_items": {
            "object": "list",
            "data": [
              {
                "id": "li_1",
                "object": "item",
                "amount_discount": 400,
                "amount_subtotal": 4000,
                "amount_tax": 720,
                "amount_total": 4320,
                "currency": "eur",
                "description": "Espresso beans 1 kg",
                "price": {
                  "id": "price_beans", "object": "price", "active": true, "currency": "eur", "lookup_key": "beans_1kg",
                  "product": "prod_beans", "recurring": null, "type": "one_time", "unit_amount": 2000, "metadata": {}
                },
                "quantity": 2,
                "taxes": [
                  {"amount": 720, "rate": {"id": "txr_vat20", "object": "tax_rate", "display_name": "VAT", "percentage": 20.0, "inclusive": false, "country": "GB", "active": true}, "taxability_reason": null, "taxable_amount": 3600}
                ]
              },
              {
                "id": "li_2",
                "object": "item",
                "amount_discount": 100,
                "amount_subtotal": 1000,
                "amount_tax": 0,
                "amount_total": 900,
                "currency": "eur",
                "description": "Coffee club",
                "price": {
                  "id": "price_club_m", "object": "price", "active": true, "currency": "eur",
                  "product": {"id": "prod_club", "object": "product", "name": "Coffee club"},
                  "recurring": {"interval": "month", "interval_count": 1, "usage_type": "licensed"}, "type": "recurring", "unit_amount": 1000
                },
                "quantity": 1,
                "taxes": []
              }
            ],
            "has_more": false,
            "url": "/v1/checkout/sessions/cs_test_a1B2c3/line_items"
          },
          "livemode": false,
          "metadata": {"checkout_id": "42", "version": "7"},
          "mode": "payment",
          "payment_intent": {"id": "pi_123", "object": "payment_intent"},
          "payment_status": "unpaid",
          "permissions": {"update_discounts": "server_only", "update_line_items": "server_only", "update_shipping_details": "server_only"},
          "return_url": "https://shop.example/checkout/return?session_id={CHECKOUT_SESSION_ID}",
          "shipping_cost": {"amount_subtotal": 495, "amount_tax": 0, "amount_total": 495, "shipping_rate": "shr_standard"},
          "shipping_options": [
            {"shipping_amount": 495, "shipping_rate": "shr_standard"},
            {"shipping_amount": 1200, "shipping_rate": "shr_express"}
          ],
          "status": "open",
          "subscription": null,
          "total_details": {"amount_discount": 500, "amount_shipping": 495, "amount_tax": 720},
          "ui_mode": "custom",
          "some_future_field": {"nested": [1, 2, 3]}
        }
        """;

    [Fact]
    public void CheckoutSession_WithExpandedLineItems_ReadsEveryFieldWeUse()
    {
        var session = StripeJson.Deserialize<StripeCheckoutSession>(SessionJson);

        Assert.Equal("cs_test_a1B2c3", session.Id);
        Assert.Equal("checkout.session", session.Object);
        Assert.Equal("open", session.Status);
        Assert.Equal("unpaid", session.PaymentStatus);
        Assert.Equal("payment", session.Mode);
        Assert.Equal("custom", session.UiMode);
        Assert.Equal("eur", session.Currency);
        Assert.Equal(5000, session.AmountSubtotal);
        Assert.Equal(5195, session.AmountTotal);
        Assert.Equal(new StripeTotalDetails { AmountDiscount = 500, AmountShipping = 495, AmountTax = 720 }, session.TotalDetails);
        Assert.Equal(new StripeShippingCost { AmountSubtotal = 495, AmountTax = 0, AmountTotal = 495, ShippingRate = "shr_standard" }, session.ShippingCost);
        Assert.Equal(
            [new StripeSessionShippingOption { ShippingAmount = 495, ShippingRate = "shr_standard" }, new StripeSessionShippingOption { ShippingAmount = 1200, ShippingRate = "shr_express" }],
            session.ShippingOptions);
        Assert.Equal([new StripeSessionDiscount { Coupon = "co_gold10" }], session.Discounts);
        Assert.Equal("cs_test_a1B2c3_secret_xyz", session.ClientSecret);
        Assert.Equal("https://shop.example/checkout/return?session_id={CHECKOUT_SESSION_ID}", session.ReturnUrl);
        Assert.Equal(1_795_076_400, session.ExpiresAt);
        Assert.Equal(1_794_990_000, session.Created);
        Assert.Null(session.Customer);
        Assert.Equal("ada@example.com", session.CustomerEmail);
        Assert.Equal("chk_42", session.ClientReferenceId);
        Assert.Equal("7", session.Metadata!["version"]);
        Assert.Equal(new StripeSessionPermissions { UpdateDiscounts = "server_only", UpdateLineItems = "server_only", UpdateShippingDetails = "server_only" }, session.Permissions);
        Assert.Equal("pi_123", session.PaymentIntent);
        Assert.Null(session.Subscription);
        Assert.False(session.Livemode);

        var shipping = session.CollectedInformation!.ShippingDetails!;
        Assert.Equal("Ada Lovelace", shipping.Name);
        Assert.Equal(
            new StripeAddress { Line1 = "12 St James's Square", City = "London", PostalCode = "SW1Y 4JH", Country = "GB" },
            shipping.Address);

        var lines = session.LineItems!;
        Assert.False(lines.HasMore);
        Assert.Equal("/v1/checkout/sessions/cs_test_a1B2c3/line_items", lines.Url);
        Assert.Equal(2, lines.Data.Count);

        var beans = lines.Data[0];
        Assert.Equal("li_1", beans.Id);
        Assert.Equal("item", beans.Object);
        Assert.Equal("Espresso beans 1 kg", beans.Description);
        Assert.Equal(2, beans.Quantity);
        Assert.Equal((4000L, 400L, 720L, 4320L), (beans.AmountSubtotal!.Value, beans.AmountDiscount!.Value, beans.AmountTax!.Value, beans.AmountTotal!.Value));
        Assert.Equal("price_beans", beans.Price!.Id);
        Assert.Equal("prod_beans", beans.Price.Product);
        Assert.Equal(2000, beans.Price.UnitAmount);
        Assert.Equal("one_time", beans.Price.Type);
        Assert.Equal("beans_1kg", beans.Price.LookupKey);
        var tax = Assert.Single(beans.Taxes!);
        Assert.Equal(720, tax.Amount);
        Assert.Equal(3600, tax.TaxableAmount);
        Assert.Equal("txr_vat20", tax.Rate!.Id);
        Assert.Equal(20.0m, tax.Rate.Percentage);
        Assert.False(tax.Rate.Inclusive);

        var club = lines.Data[1];
        Assert.Equal("prod_club", club.Price!.Product);
        Assert.Equal(new StripeRecurring { Interval = "month", IntervalCount = 1 }, club.Price.Recurring);
        Assert.Empty(club.Taxes!);
    }

    [Fact]
    public void CheckoutSession_WithoutExpansion_HasNoLineItems_AndNullAmountsStayNull()
    {
        var session = StripeJson.Deserialize<StripeCheckoutSession>("""{"id":"cs_1","object":"checkout.session","amount_total":null,"total_details":null}""");

        Assert.Null(session.LineItems);
        Assert.Null(session.AmountTotal);
        Assert.Null(session.TotalDetails);
    }

    [Fact]
    public void Event_ExposesDataObjectAsJson_AndAsASession()
    {
        var json = """{"id":"evt_9","object":"event","type":"checkout.session.expired","api_version":"2025-03-31.basil","created":1795000000,"livemode":false,"pending_webhooks":2,"request":{"id":"req_1","idempotency_key":"sf-abc"},"data":{"object":"""
            + SessionJson
            + ""","previous_attributes":{"status":"open"}}}""";

        var stripeEvent = StripeJson.Deserialize<StripeEvent>(json);

        Assert.Equal("checkout.session.expired", stripeEvent.Type);
        Assert.Equal(2, stripeEvent.PendingWebhooks);
        Assert.Equal("sf-abc", stripeEvent.Request!.IdempotencyKey);
        Assert.Equal(JsonValueKind.Object, stripeEvent.Data!.Object.ValueKind);
        Assert.Equal("open", stripeEvent.Data.PreviousAttributes!.Value.GetProperty("status").GetString());
        Assert.Equal(5195, stripeEvent.GetCheckoutSession().AmountTotal);
    }

    [Fact]
    public void Event_ForAnotherObject_RefusesToReadItAsASession()
    {
        var stripeEvent = StripeJson.Deserialize<StripeEvent>("""{"id":"evt_2","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","object":"payment_intent","amount":100}}}""");

        Assert.Throws<InvalidOperationException>(() => stripeEvent.GetCheckoutSession());
        Assert.Equal(100, stripeEvent.GetDataObject<StripePaymentIntent>().Amount);
    }

    [Fact]
    public void CatalogObjects_ReadTheirFields()
    {
        var coupon = StripeJson.Deserialize<StripeCoupon>("""{"id":"co_1","object":"coupon","percent_off":12.5,"duration":"once","name":"Welcome","amount_off":null}""");
        var rate = StripeJson.Deserialize<StripeShippingRate>("""{"id":"shr_1","object":"shipping_rate","display_name":"Standard","type":"fixed_amount","fixed_amount":{"amount":495,"currency":"eur"},"delivery_estimate":{"minimum":{"unit":"business_day","value":2},"maximum":{"unit":"business_day","value":5}},"active":true}""");

        Assert.Equal(12.5m, coupon.PercentOff);
        Assert.Null(coupon.AmountOff);
        Assert.Equal(new StripeFixedAmount { Amount = 495, Currency = "eur" }, rate.FixedAmount);
        Assert.Equal(5, rate.DeliveryEstimate!.Maximum!.Value);
    }
}
