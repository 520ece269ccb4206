using System.Text.Json.Nodes;
using Storefront.StripeEmulator.Internal;

namespace Storefront.StripeEmulator;

// Products, prices, coupons, tax rates, shipping rates. Called by the HTTP layer with Gate held.
public sealed partial class StripeEmulatorState
{
    private static readonly string[] ListParams = ["limit", "starting_after", "ending_before", "expand"];
    private static string[] ListAnd(params string[] more) => [.. ListParams, .. more];

    // ---------------------------------------------------------------- products

    internal JsonObject CreateProduct(Params p)
    {
        p.Allow("id", "name", "active", "description", "metadata", "expand");
        var id = p.Str("id");
        if (id is not null && Products.ContainsKey(id))
            throw StripeEmulatorException.Invalid($"Product already exists.", "id", "resource_already_exists");
        var product = new Product
        {
            Id = id ?? Ids.New("prod_"),
            Created = Now,
            Seq = NextSeq(),
            Name = p.ReqStr("name"),
            Active = p.Bool("active") ?? true,
            Description = p.Str("description"),
            Metadata = NewMetadata(p),
            Updated = Now,
        };
        Products[product.Id] = product;
        return RenderProduct(product);
    }

    internal Product FindProduct(string id, string param = "id", int status = 404) =>
        Products.TryGetValue(id, out var x) ? x : throw NoSuch("product", id, param, status);

    internal JsonObject UpdateProduct(string id, Params p)
    {
        p.Allow("name", "active", "description", "metadata", "expand");
        var product = FindProduct(id);
        if (p.Has("name")) product.Name = p.ReqStr("name");
        if (p.Bool("active") is { } active) product.Active = active;
        if (p.Has("description")) product.Description = NullIfEmpty(p.Str("description"));
        ApplyMetadataUpdate(product, p);
        product.Updated = Now;
        return RenderProduct(product);
    }

    internal JsonObject ListProducts(Params p)
    {
        p.Allow(ListAnd("active"));
        var active = p.Bool("active");
        var items = NewestFirst(Products.Values.Where(x => active is null || x.Active == active));
        return Page(items, x => x.Id, RenderProduct, p, "/v1/products", "product");
    }

    internal JsonObject RenderProduct(Product x) => new()
    {
        ["id"] = x.Id,
        ["object"] = "product",
        ["active"] = x.Active,
        ["created"] = x.Created,
        ["default_price"] = null,
        ["description"] = x.Description,
        ["images"] = new JsonArray(),
        ["livemode"] = false,
        ["metadata"] = RenderMetadata(x.Metadata),
        ["name"] = x.Name,
        ["updated"] = x.Updated,
        ["url"] = null,
    };

    // ---------------------------------------------------------------- prices

    internal JsonObject CreatePrice(Params p)
    {
        p.Allow("product", "product_data", "currency", "unit_amount", "recurring", "lookup_key", "transfer_lookup_key",
            "nickname", "metadata", "active", "tax_behavior", "expand");
        string productId;
        var productData = p.Obj("product_data");
        if (p.Has("product") && productData is not null)
            throw StripeEmulatorException.Invalid("You may only specify one of these parameters: product, product_data.", "product");
        if (productData is not null)
            productId = CreateInlineProduct(productData);
        else
            productId = FindProduct(p.ReqStr("product"), "product", 400).Id;
        var price = BuildPrice(p, productId, lookupKeys: true);
        return RenderPrice(price);
    }

    private string CreateInlineProduct(Params pd)
    {
        pd.Allow("name", "active", "description", "metadata");
        var product = new Product
        {
            Id = Ids.New("prod_"),
            Created = Now,
            Seq = NextSeq(),
            Name = pd.ReqStr("name"),
            Active = pd.Bool("active") ?? true,
            Description = pd.Str("description"),
            Metadata = NewMetadata(pd),
            Updated = Now,
        };
        Products[product.Id] = product;
        return product.Id;
    }

    /// <summary>Shared by POST /v1/prices and line_items[][price_data]: currency, unit_amount, recurring.</summary>
    private Price BuildPrice(Params p, string productId, bool lookupKeys)
    {
        var currency = p.ReqStr("currency").ToLowerInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterLower))
            throw StripeEmulatorException.Invalid($"Invalid currency: {currency}", p.Name("currency"));
        var unitAmount = p.NonNegLong("unit_amount") ?? throw StripeEmulatorException.Missing(p.Name("unit_amount"));
        string? interval = null;
        long intervalCount = 1;
        if (p.Obj("recurring") is { } rec)
        {
            rec.Allow("interval", "interval_count");
            interval = rec.Enum("interval", "day", "week", "month", "year") ?? throw StripeEmulatorException.Missing(rec.Name("interval"));
            intervalCount = rec.Long("interval_count") ?? 1;
            if (intervalCount < 1) throw StripeEmulatorException.Invalid("Invalid interval_count: must be at least 1", rec.Name("interval_count"));
        }
        string? lookupKey = null;
        if (lookupKeys)
        {
            lookupKey = NullIfEmpty(p.Str("lookup_key"));
            ClaimLookupKey(lookupKey, p.Bool("transfer_lookup_key") ?? false, null);
        }
        var price = new Price
        {
            Id = Ids.New("price_"),
            Created = Now,
            Seq = NextSeq(),
            ProductId = productId,
            Currency = currency,
            UnitAmount = unitAmount,
            Interval = interval,
            IntervalCount = intervalCount,
            Active = p.Has("active") ? p.Bool("active") ?? true : true,
            LookupKey = lookupKey,
            Nickname = lookupKeys ? p.Str("nickname") : null,
            TaxBehavior = p.Enum("tax_behavior", "inclusive", "exclusive", "unspecified"),
            Metadata = lookupKeys ? NewMetadata(p) : new(StringComparer.Ordinal),
        };
        Prices[price.Id] = price;
        return price;
    }

    private void ClaimLookupKey(string? lookupKey, bool transfer, Price? self)
    {
        if (lookupKey is null) return;
        var holder = Prices.Values.FirstOrDefault(x => x.LookupKey == lookupKey && x != self);
        if (holder is null) return;
        if (!transfer)
            throw StripeEmulatorException.Invalid($"A price (`{holder.Id}`) already uses that lookup key.", "lookup_key");
        Prices.Touch(holder.Id);
        holder.LookupKey = null;
    }

    internal Price FindPrice(string id, string param = "id", int status = 404) =>
        Prices.TryGetValue(id, out var x) ? x : throw NoSuch("price", id, param, status);

    internal JsonObject UpdatePrice(string id, Params p)
    {
        p.Allow("active", "metadata", "nickname", "lookup_key", "transfer_lookup_key", "tax_behavior", "expand");
        var price = FindPrice(id);
        if (p.Bool("active") is { } active) price.Active = active;
        if (p.Has("nickname")) price.Nickname = NullIfEmpty(p.Str("nickname"));
        if (p.Has("lookup_key"))
        {
            var key = NullIfEmpty(p.Str("lookup_key"));
            ClaimLookupKey(key, p.Bool("transfer_lookup_key") ?? false, price);
            price.LookupKey = key;
        }
        if (p.Enum("tax_behavior", "inclusive", "exclusive", "unspecified") is { } tb) price.TaxBehavior = tb;
        ApplyMetadataUpdate(price, p);
        return RenderPrice(price);
    }

    internal JsonObject ListPrices(Params p)
    {
        p.Allow(ListAnd("active", "product", "type", "currency", "lookup_keys"));
        var active = p.Bool("active");
        var product = p.Str("product");
        var type = p.Enum("type", "one_time", "recurring");
        var currency = p.Str("currency")?.ToLowerInvariant();
        var lookupKeys = p.StrList("lookup_keys");
        if (lookupKeys is { Count: > 10 })
            throw StripeEmulatorException.Invalid("You may only specify up to 10 lookup_keys.", "lookup_keys");
        var items = NewestFirst(Prices.Values.Where(x =>
            (active is null || x.Active == active) &&
            (product is null || x.ProductId == product) &&
            (type is null || (type == "recurring") == x.Recurring) &&
            (currency is null || x.Currency == currency) &&
            (lookupKeys is null || (x.LookupKey is not null && lookupKeys.Contains(x.LookupKey)))));
        return Page(items, x => x.Id, RenderPrice, p, "/v1/prices", "price");
    }

    internal JsonObject RenderPrice(Price x) => new()
    {
        ["id"] = x.Id,
        ["object"] = "price",
        ["active"] = x.Active,
        ["billing_scheme"] = "per_unit",
        ["created"] = x.Created,
        ["currency"] = x.Currency,
        ["livemode"] = false,
        ["lookup_key"] = x.LookupKey,
        ["metadata"] = RenderMetadata(x.Metadata),
        ["nickname"] = x.Nickname,
        ["product"] = x.ProductId,
        ["recurring"] = x.Interval is null ? null : new JsonObject
        {
            ["interval"] = x.Interval,
            ["interval_count"] = x.IntervalCount,
            ["meter"] = null,
            ["trial_period_days"] = null,
            ["usage_type"] = "licensed",
        },
        ["tax_behavior"] = x.TaxBehavior ?? "unspecified",
        ["type"] = x.Recurring ? "recurring" : "one_time",
        ["unit_amount"] = x.UnitAmount,
        ["unit_amount_decimal"] = x.UnitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    // ---------------------------------------------------------------- coupons

    internal JsonObject CreateCoupon(Params p)
    {
        p.Allow("id", "name", "amount_off", "currency", "percent_off", "duration", "duration_in_months", "metadata", "expand");
        var id = p.Str("id");
        if (id is not null && Coupons.ContainsKey(id))
            throw StripeEmulatorException.Invalid("Coupon already exists.", "id", "resource_already_exists");
        var coupon = BuildCoupon(p, id);
        return RenderCoupon(coupon);
    }

    /// <summary>Shared by POST /v1/coupons and discounts[][coupon_data].</summary>
    private Coupon BuildCoupon(Params p, string? id)
    {
        var amountOff = p.Long("amount_off");
        var percentOff = p.Dec("percent_off");
        if ((amountOff is null) == (percentOff is null))
            throw StripeEmulatorException.Invalid("You must pass exactly one of `amount_off` or `percent_off`.", p.Name("amount_off"));
        string? currency = null;
        if (amountOff is not null)
        {
            if (amountOff < 1) throw StripeEmulatorException.Invalid("Invalid amount_off: must be at least 1", p.Name("amount_off"));
            currency = p.Str("currency")?.ToLowerInvariant()
                       ?? throw StripeEmulatorException.Invalid("You must pass `currency` when passing `amount_off`.", p.Name("currency"));
        }
        else if (p.Has("currency"))
        {
            currency = p.Str("currency")!.ToLowerInvariant();
        }
        if (percentOff is not null && (percentOff <= 0 || percentOff > 100))
            throw StripeEmulatorException.Invalid("Invalid percent_off: must be greater than 0 and at most 100", p.Name("percent_off"));
        var duration = p.Enum("duration", "once", "repeating", "forever") ?? "once";
        var months = p.Long("duration_in_months");
        if (duration == "repeating" && months is null)
            throw StripeEmulatorException.Missing(p.Name("duration_in_months"));
        var coupon = new Coupon
        {
            Id = id ?? Ids.Random(8),
            Created = Now,
            Seq = NextSeq(),
            Name = NullIfEmpty(p.Str("name")),
            AmountOff = amountOff,
            Currency = currency,
            PercentOff = percentOff,
            Duration = duration,
            DurationInMonths = duration == "repeating" ? months : null,
            Metadata = NewMetadata(p),
        };
        Coupons[coupon.Id] = coupon;
        return coupon;
    }

    internal Coupon FindCoupon(string id, string param = "id", int status = 404) =>
        Coupons.TryGetValue(id, out var x) && !x.Deleted ? x : throw NoSuch("coupon", id, param, status);

    internal JsonObject DeleteCoupon(string id, Params p)
    {
        p.Allow();
        FindCoupon(id).Deleted = true;
        return new JsonObject { ["id"] = id, ["object"] = "coupon", ["deleted"] = true };
    }

    internal JsonObject UpdateCoupon(string id, Params p)
    {
        p.Allow("name", "metadata", "expand");
        var coupon = FindCoupon(id);
        if (p.Has("name")) coupon.Name = NullIfEmpty(p.Str("name"));
        ApplyMetadataUpdate(coupon, p);
        return RenderCoupon(coupon);
    }

    internal JsonObject ListCoupons(Params p)
    {
        p.Allow(ListParams);
        return Page(NewestFirst(Coupons.Values.Where(c => !c.Deleted)), x => x.Id, RenderCoupon, p, "/v1/coupons", "coupon");
    }

    internal JsonObject RenderCoupon(Coupon x) => new()
    {
        ["id"] = x.Id,
        ["object"] = "coupon",
        ["amount_off"] = x.AmountOff,
        ["created"] = x.Created,
        ["currency"] = x.Currency,
        ["duration"] = x.Duration,
        ["duration_in_months"] = x.DurationInMonths,
        ["livemode"] = false,
        ["max_redemptions"] = null,
        ["metadata"] = RenderMetadata(x.Metadata),
        ["name"] = x.Name,
        ["percent_off"] = x.PercentOff is { } pct ? JsonValue.Create(Normalize(pct)) : null,
        ["redeem_by"] = null,
        ["times_redeemed"] = 0,
        ["valid"] = true,
    };

    // ---------------------------------------------------------------- tax rates

    internal JsonObject CreateTaxRate(Params p)
    {
        p.Allow("display_name", "percentage", "inclusive", "country", "state", "active", "description", "jurisdiction",
            "tax_type", "metadata", "expand");
        var pct = p.Dec("percentage") ?? throw StripeEmulatorException.Missing("percentage");
        if (pct < 0 || pct > 100) throw StripeEmulatorException.Invalid("Invalid percentage: must be between 0 and 100", "percentage");
        var rate = new TaxRate
        {
            Id = Ids.New("txr_"),
            Created = Now,
            Seq = NextSeq(),
            DisplayName = p.ReqStr("display_name"),
            Percentage = pct,
            Inclusive = p.Bool("inclusive") ?? throw StripeEmulatorException.Missing("inclusive"),
            Country = NullIfEmpty(p.Str("country")),
            State = NullIfEmpty(p.Str("state")),
            Description = NullIfEmpty(p.Str("description")),
            Jurisdiction = NullIfEmpty(p.Str("jurisdiction")),
            TaxType = NullIfEmpty(p.Str("tax_type")),
            Active = p.Bool("active") ?? true,
            Metadata = NewMetadata(p),
        };
        TaxRates[rate.Id] = rate;
        return RenderTaxRate(rate);
    }

    internal TaxRate FindTaxRate(string id, string param = "id", int status = 404) =>
        TaxRates.TryGetValue(id, out var x) ? x : throw NoSuch("tax_rate", id, param, status);

    internal JsonObject UpdateTaxRate(string id, Params p)
    {
        p.Allow("active", "display_name", "country", "state", "description", "jurisdiction", "tax_type", "metadata", "expand");
        var rate = FindTaxRate(id);
        if (p.Bool("active") is { } active) rate.Active = active;
        if (p.Has("display_name")) rate.DisplayName = p.ReqStr("display_name");
        if (p.Has("country")) rate.Country = NullIfEmpty(p.Str("country"));
        if (p.Has("state")) rate.State = NullIfEmpty(p.Str("state"));
        if (p.Has("description")) rate.Description = NullIfEmpty(p.Str("description"));
        if (p.Has("jurisdiction")) rate.Jurisdiction = NullIfEmpty(p.Str("jurisdiction"));
        if (p.Has("tax_type")) rate.TaxType = NullIfEmpty(p.Str("tax_type"));
        ApplyMetadataUpdate(rate, p);
        return RenderTaxRate(rate);
    }

    internal JsonObject ListTaxRates(Params p)
    {
        p.Allow(ListAnd("active", "inclusive"));
        var active = p.Bool("active");
        var inclusive = p.Bool("inclusive");
        var items = NewestFirst(TaxRates.Values.Where(x => (active is null || x.Active == active) && (inclusive is null || x.Inclusive == inclusive)));
        return Page(items, x => x.Id, RenderTaxRate, p, "/v1/tax_rates", "tax_rate");
    }

    internal JsonObject RenderTaxRate(TaxRate x) => new()
    {
        ["id"] = x.Id,
        ["object"] = "tax_rate",
        ["active"] = x.Active,
        ["country"] = x.Country,
        ["created"] = x.Created,
        ["description"] = x.Description,
        ["display_name"] = x.DisplayName,
        ["effective_percentage"] = JsonValue.Create(Normalize(x.Percentage)),
        ["inclusive"] = x.Inclusive,
        ["jurisdiction"] = x.Jurisdiction,
        ["livemode"] = false,
        ["metadata"] = RenderMetadata(x.Metadata),
        ["percentage"] = JsonValue.Create(Normalize(x.Percentage)),
        ["state"] = x.State,
        ["tax_type"] = x.TaxType,
    };

    // ---------------------------------------------------------------- shipping rates

    internal JsonObject CreateShippingRate(Params p) => RenderShippingRate(BuildShippingRate(p, topLevel: true));

    /// <summary>Shared by POST /v1/shipping_rates and shipping_options[][shipping_rate_data].</summary>
    private ShippingRate BuildShippingRate(Params p, bool topLevel)
    {
        p.Allow(topLevel
            ? ["display_name", "type", "fixed_amount", "delivery_estimate", "metadata", "tax_behavior", "tax_code", "expand"]
            : ["display_name", "type", "fixed_amount", "delivery_estimate", "metadata", "tax_behavior", "tax_code"]);
        p.Enum("type", "fixed_amount");
        var fixedAmount = p.ReqObj("fixed_amount");
        fixedAmount.Allow("amount", "currency");
        var rate = new ShippingRate
        {
            Id = Ids.New("shr_"),
            Created = Now,
            Seq = NextSeq(),
            DisplayName = p.ReqStr("display_name"),
            Amount = fixedAmount.NonNegLong("amount") ?? throw StripeEmulatorException.Missing(fixedAmount.Name("amount")),
            Currency = fixedAmount.ReqStr("currency").ToLowerInvariant(),
            Minimum = ReadBound(p.Obj("delivery_estimate"), "minimum"),
            Maximum = ReadBound(p.Obj("delivery_estimate"), "maximum"),
            TaxBehavior = p.Enum("tax_behavior", "inclusive", "exclusive", "unspecified"),
            Metadata = NewMetadata(p),
        };
        p.Str("tax_code");
        ShippingRates[rate.Id] = rate;
        return rate;
    }

    private static DeliveryEstimateBound? ReadBound(Params? estimate, string key)
    {
        if (estimate is null) return null;
        estimate.Allow("minimum", "maximum");
        var b = estimate.Obj(key);
        if (b is null) return null;
        b.Allow("unit", "value");
        var unit = b.Enum("unit", "hour", "business_day", "day", "week", "month") ?? throw StripeEmulatorException.Missing(b.Name("unit"));
        var value = b.Long("value") ?? throw StripeEmulatorException.Missing(b.Name("value"));
        if (value < 1) throw StripeEmulatorException.Invalid("Invalid value: must be at least 1", b.Name("value"));
        return new DeliveryEstimateBound(unit, value);
    }

    internal ShippingRate FindShippingRate(string id, string param = "id", int status = 404) =>
        ShippingRates.TryGetValue(id, out var x) ? x : throw NoSuch("shipping_rate", id, param, status);

    internal JsonObject UpdateShippingRate(string id, Params p)
    {
        p.Allow("active", "metadata", "tax_behavior", "expand");
        var rate = FindShippingRate(id);
        if (p.Bool("active") is { } active) rate.Active = active;
        if (p.Enum("tax_behavior", "inclusive", "exclusive", "unspecified") is { } tb) rate.TaxBehavior = tb;
        ApplyMetadataUpdate(rate, p);
        return RenderShippingRate(rate);
    }

    internal JsonObject ListShippingRates(Params p)
    {
        p.Allow(ListAnd("active", "currency"));
        var active = p.Bool("active");
        var currency = p.Str("currency")?.ToLowerInvariant();
        var items = NewestFirst(ShippingRates.Values.Where(x => (active is null || x.Active == active) && (currency is null || x.Currency == currency)));
        return Page(items, x => x.Id, RenderShippingRate, p, "/v1/shipping_rates", "shipping_rate");
    }

    internal JsonObject RenderShippingRate(ShippingRate x) => new()
    {
        ["id"] = x.Id,
        ["object"] = "shipping_rate",
        ["active"] = x.Active,
        ["created"] = x.Created,
        ["delivery_estimate"] = x.Minimum is null && x.Maximum is null ? null : new JsonObject
        {
            ["maximum"] = x.Maximum is null ? null : new JsonObject { ["unit"] = x.Maximum.Unit, ["value"] = x.Maximum.Value },
            ["minimum"] = x.Minimum is null ? null : new JsonObject { ["unit"] = x.Minimum.Unit, ["value"] = x.Minimum.Value },
        },
        ["display_name"] = x.DisplayName,
        ["fixed_amount"] = new JsonObject { ["amount"] = x.Amount, ["currency"] = x.Currency },
        ["livemode"] = false,
        ["metadata"] = RenderMetadata(x.Metadata),
        ["tax_behavior"] = x.TaxBehavior ?? "unspecified",
        ["tax_code"] = null,
        ["type"] = "fixed_amount",
    };

    // ---------------------------------------------------------------- helpers

    /// <summary>404 for the object named in the URL; 400 (param set) for an id passed in a parameter.</summary>
    internal static StripeEmulatorException NoSuch(string objectName, string id, string param, int status) =>
        new(status, "invalid_request_error", $"No such {objectName}: '{id}'", param, "resource_missing");

    internal static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>Drops trailing zeros so 20.00 renders as 20 and 8.250 as 8.25.</summary>
    internal static decimal Normalize(decimal d) => d / 1.000000000000000000000000000000000m;
}
