using System.Net;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Conformance;

[Collection(ConformanceCollection.Name)]
public sealed class CatalogConformanceTests(ConformanceHost host)
{
    private IStripeGateway Stripe => host.Gateway;

    [Fact]
    public async Task Products_create_retrieve_list_update()
    {
        var id = Support.Unique("prod_conf");
        var created = await Stripe.CreateProductAsync(new ProductCreateRequest
        {
            Id = id,
            Name = "Mug",
            Description = "Blue",
            Metadata = new Dictionary<string, string> { ["sku"] = "MUG-1" },
        });
        Assert.Equal(id, created.Id);
        Assert.Equal("product", created.Object);
        Assert.Equal("Mug", created.Name);
        Assert.Equal("Blue", created.Description);
        Assert.True(created.Active);
        Assert.Equal("MUG-1", created.Metadata!["sku"]);
        Assert.False(created.Livemode);

        var fetched = await Stripe.GetProductAsync(id);
        Support.AssertSame(created, fetched, x => x with { Metadata = null }, x => x.Metadata);

        var listed = await Stripe.ListProductsAsync(new ProductListRequest { Limit = 100, Active = true });
        Assert.Equal("list", listed.Object);
        Assert.Contains(listed.Data, p => p.Id == id);

        var updated = await Stripe.UpdateProductAsync(id, new ProductUpdateRequest { Active = false, Name = "Mug (old)" });
        Assert.False(updated.Active);
        Assert.Equal("Mug (old)", updated.Name);
        var inactive = await Stripe.ListProductsAsync(new ProductListRequest { Limit = 100, Active = false });
        Assert.Contains(inactive.Data, p => p.Id == id);
        var active = await Stripe.ListProductsAsync(new ProductListRequest { Limit = 100, Active = true });
        Assert.DoesNotContain(active.Data, p => p.Id == id);
    }

    [Fact]
    public async Task Prices_create_retrieve_update_and_lookup_keys_with_transfer()
    {
        var product = await Stripe.CreateProductAsync(new ProductCreateRequest { Name = "Poster" });
        var lookup = Support.Unique("poster_a3");
        var first = await Stripe.CreatePriceAsync(new PriceCreateRequest
        {
            Currency = "usd",
            Product = product.Id,
            UnitAmount = 1999,
            LookupKey = lookup,
            Nickname = "A3",
        });
        Assert.StartsWith("price_", first.Id);
        Assert.Equal("price", first.Object);
        Assert.Equal(product.Id, first.Product);
        Assert.Equal("usd", first.Currency);
        Assert.Equal(1999, first.UnitAmount);
        Assert.Equal("one_time", first.Type);
        Assert.Null(first.Recurring);
        Assert.True(first.Active);
        Assert.Equal(lookup, first.LookupKey);
        Assert.Equal("A3", first.Nickname);

        Support.AssertSame(first, await Stripe.GetPriceAsync(first.Id), x => x with { Metadata = null }, x => x.Metadata);

        var byKey = await Stripe.ListPricesAsync(new PriceListRequest { LookupKeys = [lookup] });
        Assert.Equal([first.Id], byKey.Data.Select(p => p.Id));
        Assert.False(byKey.HasMore);

        // A second price taking the key over: the old one loses it, the filter finds only the new one.
        var second = await Stripe.CreatePriceAsync(new PriceCreateRequest
        {
            Currency = "usd",
            Product = product.Id,
            UnitAmount = 2499,
            LookupKey = lookup,
            TransferLookupKey = true,
        });
        Assert.Equal(lookup, second.LookupKey);
        Assert.Null((await Stripe.GetPriceAsync(first.Id)).LookupKey);
        byKey = await Stripe.ListPricesAsync(new PriceListRequest { LookupKeys = [lookup] });
        Assert.Equal([second.Id], byKey.Data.Select(p => p.Id));

        // Without transfer_lookup_key the key cannot be taken.
        await Support.AssertStripeError(
            () => Stripe.CreatePriceAsync(new PriceCreateRequest { Currency = "usd", Product = product.Id, UnitAmount = 1, LookupKey = lookup }),
            HttpStatusCode.BadRequest, "invalid_request_error", code: null, param: "lookup_key");

        var byProduct = await Stripe.ListPricesAsync(new PriceListRequest { Product = product.Id, Limit = 10 });
        Assert.Equal([second.Id, first.Id], byProduct.Data.Select(p => p.Id));

        var deactivated = await Stripe.UpdatePriceAsync(first.Id, new PriceUpdateRequest { Active = false, Nickname = "old" });
        Assert.False(deactivated.Active);
        Assert.Equal("old", deactivated.Nickname);
        var activeOnly = await Stripe.ListPricesAsync(new PriceListRequest { Product = product.Id, Active = true });
        Assert.Equal([second.Id], activeOnly.Data.Select(p => p.Id));

        var recurring = await Stripe.CreatePriceAsync(new PriceCreateRequest
        {
            Currency = "usd",
            Product = product.Id,
            UnitAmount = 500,
            Recurring = new RecurringParams { Interval = "month", IntervalCount = 3 },
        });
        Assert.Equal("recurring", recurring.Type);
        Assert.Equal("month", recurring.Recurring!.Interval);
        Assert.Equal(3, recurring.Recurring.IntervalCount);
    }

    [Fact]
    public async Task Coupons_create_retrieve_list_update_delete()
    {
        var id = Support.Unique("TENOFF");
        var amount = await Stripe.CreateCouponAsync(new CouponCreateRequest { Id = id, Name = "Ten off", AmountOff = 1000, Currency = "USD" });
        Assert.Equal(id, amount.Id);
        Assert.Equal("coupon", amount.Object);
        Assert.Equal(1000, amount.AmountOff);
        Assert.Equal("usd", amount.Currency);
        Assert.Null(amount.PercentOff);
        Assert.Equal("once", amount.Duration);
        Assert.Equal("Ten off", amount.Name);

        var percent = await Stripe.CreateCouponAsync(new CouponCreateRequest
        {
            PercentOff = 12.5m,
            Duration = "repeating",
            DurationInMonths = 3,
        });
        Assert.Equal(12.5m, percent.PercentOff);
        Assert.Null(percent.AmountOff);
        Assert.Equal("repeating", percent.Duration);
        Assert.Equal(3, percent.DurationInMonths);

        Support.AssertSame(amount, await Stripe.GetCouponAsync(id), x => x with { Metadata = null }, x => x.Metadata);

        var list = await Stripe.ListCouponsAsync(new CouponListRequest { Limit = 2 });
        Assert.Equal([percent.Id, id], list.Data.Select(c => c.Id));

        var renamed = await Stripe.UpdateCouponAsync(id, new CouponUpdateRequest
        {
            Name = "Ten dollars off",
            Metadata = new Dictionary<string, string> { ["campaign"] = "winter" },
        });
        Assert.Equal("Ten dollars off", renamed.Name);
        Assert.Equal("winter", renamed.Metadata!["campaign"]);
        Assert.Equal(1000, renamed.AmountOff);

        var deleted = await Stripe.DeleteCouponAsync(id);
        Assert.Equal(new StripeDeletedObject { Id = id, Object = "coupon", Deleted = true }, deleted);
        await Support.AssertStripeError(() => Stripe.GetCouponAsync(id), HttpStatusCode.NotFound, "invalid_request_error",
            "resource_missing", "id", $"No such coupon: '{id}'");
        Assert.DoesNotContain((await Stripe.ListCouponsAsync(new CouponListRequest { Limit = 100 })).Data, c => c.Id == id);
        await Support.AssertStripeError(() => Stripe.DeleteCouponAsync(id), HttpStatusCode.NotFound, "invalid_request_error",
            "resource_missing", "id");
    }

    [Fact]
    public async Task Deleting_a_coupon_leaves_a_session_discount_alone_but_blocks_new_use()
    {
        var coupon = await Stripe.CreateCouponAsync(new CouponCreateRequest { AmountOff = 300, Currency = "usd" });
        var price = await Stripe.NewPrice(1000);
        var session = await Stripe.CreateCheckoutSessionAsync(new CheckoutSessionCreateRequest
        {
            Mode = "payment",
            ReturnUrl = Support.ReturnUrl,
            LineItems = [SessionLineItemParams.AddPrice(price, 1)],
            Discounts = [SessionDiscountParams.ForCoupon(coupon.Id)],
        });
        Assert.Equal(700, session.AmountTotal);
        await Stripe.DeleteCouponAsync(coupon.Id);

        var again = await Stripe.GetCheckoutSessionAsync(session.Id);
        Assert.Equal(300, again.TotalDetails!.AmountDiscount);
        Assert.Equal(700, again.AmountTotal);
        Assert.Equal(coupon.Id, again.Discounts!.Single().Coupon);

        await Support.AssertStripeError(
            () => Stripe.UpdateCheckoutSessionAsync(session.Id, new CheckoutSessionUpdateRequest { Discounts = [SessionDiscountParams.ForCoupon(coupon.Id)] }),
            HttpStatusCode.BadRequest, "invalid_request_error", "resource_missing", "discounts[0][coupon]");
    }

    [Fact]
    public async Task Tax_rates_create_retrieve_list_update()
    {
        var ny = await Stripe.CreateTaxRateAsync(new TaxRateCreateRequest
        {
            DisplayName = "Sales tax",
            Percentage = 8.875m,
            Inclusive = false,
            Country = "US",
            State = "NY",
            Jurisdiction = "US-NY",
            TaxType = "sales_tax",
        });
        Assert.StartsWith("txr_", ny.Id);
        Assert.Equal("tax_rate", ny.Object);
        Assert.Equal("Sales tax", ny.DisplayName);
        Assert.Equal(8.875m, ny.Percentage);
        Assert.False(ny.Inclusive);
        Assert.Equal("US", ny.Country);
        Assert.Equal("NY", ny.State);
        Assert.Equal("US-NY", ny.Jurisdiction);
        Assert.Equal("sales_tax", ny.TaxType);
        Assert.True(ny.Active);

        Support.AssertSame(ny, await Stripe.GetTaxRateAsync(ny.Id), x => x with { Metadata = null }, x => x.Metadata);

        var vat = await Stripe.NewTaxRate(20m, inclusive: true, "VAT");
        var inclusive = await Stripe.ListTaxRatesAsync(new TaxRateListRequest { Inclusive = true, Limit = 100 });
        Assert.Contains(inclusive.Data, t => t.Id == vat);
        Assert.DoesNotContain(inclusive.Data, t => t.Id == ny.Id);

        var off = await Stripe.UpdateTaxRateAsync(ny.Id, new TaxRateUpdateRequest { Active = false, DisplayName = "Old sales tax" });
        Assert.False(off.Active);
        Assert.Equal("Old sales tax", off.DisplayName);
        Assert.Equal(8.875m, off.Percentage);
        var active = await Stripe.ListTaxRatesAsync(new TaxRateListRequest { Active = true, Limit = 100 });
        Assert.DoesNotContain(active.Data, t => t.Id == ny.Id);
    }

    [Fact]
    public async Task Shipping_rates_create_retrieve_list_update()
    {
        var rate = await Stripe.CreateShippingRateAsync(new ShippingRateCreateRequest
        {
            DisplayName = "Ground",
            FixedAmount = new FixedAmountParams { Amount = 599, Currency = "usd" },
            DeliveryEstimate = new DeliveryEstimateParams
            {
                Minimum = new DeliveryEstimateBoundParams { Unit = "business_day", Value = 3 },
                Maximum = new DeliveryEstimateBoundParams { Unit = "business_day", Value = 5 },
            },
        });
        Assert.StartsWith("shr_", rate.Id);
        Assert.Equal("shipping_rate", rate.Object);
        Assert.Equal("Ground", rate.DisplayName);
        Assert.Equal("fixed_amount", rate.Type);
        Assert.Equal(599, rate.FixedAmount!.Amount);
        Assert.Equal("usd", rate.FixedAmount.Currency);
        Assert.Equal(new StripeDeliveryEstimateBound { Unit = "business_day", Value = 3 }, rate.DeliveryEstimate!.Minimum);
        Assert.Equal(new StripeDeliveryEstimateBound { Unit = "business_day", Value = 5 }, rate.DeliveryEstimate.Maximum);
        Assert.True(rate.Active);

        var fetched = await Stripe.GetShippingRateAsync(rate.Id);
        Assert.Equal(rate.Id, fetched.Id);
        Assert.Equal(599, fetched.FixedAmount!.Amount);

        var list = await Stripe.ListShippingRatesAsync(new ShippingRateListRequest { Limit = 100, Active = true });
        Assert.Contains(list.Data, r => r.Id == rate.Id);

        var off = await Stripe.UpdateShippingRateAsync(rate.Id, new ShippingRateUpdateRequest { Active = false });
        Assert.False(off.Active);
        Assert.DoesNotContain((await Stripe.ListShippingRatesAsync(new ShippingRateListRequest { Limit = 100, Active = true })).Data, r => r.Id == rate.Id);
    }

    [Fact]
    public async Task Awkward_strings_survive_the_encoder_and_the_emulator_decoder()
    {
        const string name = "Café ☕ & Co = 100% + [brackets] ?x=1&y=2 naïve 日本";
        var metadata = new Dictionary<string, string>
        {
            ["key with spaces"] = "a+b=c&d",
            ["percent%"] = "%20 is not a space",
            ["empty_looking"] = " ",
            ["emoji"] = "🛒",
        };
        var product = await Stripe.CreateProductAsync(new ProductCreateRequest { Name = name, Metadata = metadata });
        Assert.Equal(name, product.Name);
        Assert.Equal(metadata.OrderBy(kv => kv.Key), product.Metadata!.OrderBy(kv => kv.Key));
        var fetched = await Stripe.GetProductAsync(product.Id);
        Assert.Equal(name, fetched.Name);

        // An empty dictionary clears metadata (encoded metadata=).
        var cleared = await Stripe.UpdateProductAsync(product.Id, new ProductUpdateRequest { Metadata = new Dictionary<string, string>() });
        Assert.Empty(cleared.Metadata ?? new Dictionary<string, string>());
    }

    [Fact]
    public async Task Price_and_shipping_rate_list_filters()
    {
        var product = await Stripe.CreateProductAsync(new ProductCreateRequest { Name = "Filters" });
        var usd = await Stripe.CreatePriceAsync(new PriceCreateRequest { Currency = "usd", Product = product.Id, UnitAmount = 100 });
        var jpy = await Stripe.CreatePriceAsync(new PriceCreateRequest { Currency = "jpy", Product = product.Id, UnitAmount = 100 });
        var monthly = await Stripe.CreatePriceAsync(new PriceCreateRequest
        {
            Currency = "usd",
            Product = product.Id,
            UnitAmount = 100,
            Recurring = new RecurringParams { Interval = "month" },
        });
        Assert.Equal([jpy.Id], (await Stripe.ListPricesAsync(new PriceListRequest { Product = product.Id, Currency = "jpy" })).Data.Select(p => p.Id));
        Assert.Equal([monthly.Id], (await Stripe.ListPricesAsync(new PriceListRequest { Product = product.Id, Type = "recurring" })).Data.Select(p => p.Id));
        Assert.Equal([jpy.Id, usd.Id], (await Stripe.ListPricesAsync(new PriceListRequest { Product = product.Id, Type = "one_time" })).Data.Select(p => p.Id));

        var page = await Stripe.ListPricesAsync(new PriceListRequest { Product = product.Id, Limit = 2 });
        Assert.True(page.HasMore);
        Assert.Equal([monthly.Id, jpy.Id], page.Data.Select(p => p.Id));
        var rest = await Stripe.ListPricesAsync(new PriceListRequest { Product = product.Id, Limit = 2, StartingAfter = jpy.Id });
        Assert.False(rest.HasMore);
        Assert.Equal([usd.Id], rest.Data.Select(p => p.Id));

        var yen = await Stripe.CreateShippingRateAsync(new ShippingRateCreateRequest
        {
            DisplayName = "Takkyubin",
            FixedAmount = new FixedAmountParams { Amount = 800, Currency = "jpy" },
        });
        var list = await Stripe.ListShippingRatesAsync(new ShippingRateListRequest { Currency = "jpy", Limit = 100 });
        Assert.Contains(list.Data, r => r.Id == yen.Id);
        Assert.All(list.Data, r => Assert.Equal("jpy", r.FixedAmount!.Currency));
    }
}
