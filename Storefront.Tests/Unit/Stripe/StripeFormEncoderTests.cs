using Storefront.Web.Stripe;

namespace Storefront.Tests.Unit.Stripe;

public sealed class StripeFormEncoderTests
{
    [Fact]
    public void CheckoutSessionCreate_EncodesNestedParametersInDeclarationOrder()
    {
        var request = new CheckoutSessionCreateRequest
        {
            Mode = "payment",
            LineItems =
            [
                SessionLineItemParams.AddPrice("price_123", 2, ["txr_vat"]),
                SessionLineItemParams.AddPriceData(
                    new SessionPriceDataParams
                    {
                        Currency = "eur",
                        ProductData = new SessionProductDataParams { Name = "Gift wrap" },
                        UnitAmount = 350,
                        TaxBehavior = "exclusive",
                    },
                    1),
            ],
            Discounts = [SessionDiscountParams.ForCoupon("SUMMER")],
            ShippingOptions =
            [
                new SessionShippingOptionParams
                {
                    ShippingRateData = new ShippingRateDataParams
                    {
                        DisplayName = "Standard",
                        FixedAmount = new FixedAmountParams { Amount = 495, Currency = "eur" },
                        DeliveryEstimate = new DeliveryEstimateParams
                        {
                            Minimum = new DeliveryEstimateBoundParams { Unit = "business_day", Value = 2 },
                            Maximum = new DeliveryEstimateBoundParams { Unit = "business_day", Value = 5 },
                        },
                    },
                },
                new SessionShippingOptionParams { ShippingRate = "shr_express" },
            ],
            Permissions = SessionPermissionsParams.AllServerOnly,
            ReturnUrl = "https://shop.example/checkout/return?session_id={CHECKOUT_SESSION_ID}",
            CustomerEmail = "ada@example.com",
            ClientReferenceId = "chk_42",
            Metadata = new Dictionary<string, string> { ["order_ref"] = "42", ["cart_version"] = "3" },
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000),
            Expand = ["line_items"],
        };

        string[] expected =
        [
            "ui_mode=custom",
            "mode=payment",
            "line_items[0][price]=price_123",
            "line_items[0][quantity]=2",
            "line_items[0][tax_rates][0]=txr_vat",
            "line_items[1][price_data][currency]=eur",
            "line_items[1][price_data][product_data][name]=Gift%20wrap",
            "line_items[1][price_data][unit_amount]=350",
            "line_items[1][price_data][tax_behavior]=exclusive",
            "line_items[1][quantity]=1",
            "discounts[0][coupon]=SUMMER",
            "shipping_options[0][shipping_rate_data][display_name]=Standard",
            "shipping_options[0][shipping_rate_data][type]=fixed_amount",
            "shipping_options[0][shipping_rate_data][fixed_amount][amount]=495",
            "shipping_options[0][shipping_rate_data][fixed_amount][currency]=eur",
            "shipping_options[0][shipping_rate_data][delivery_estimate][minimum][unit]=business_day",
            "shipping_options[0][shipping_rate_data][delivery_estimate][minimum][value]=2",
            "shipping_options[0][shipping_rate_data][delivery_estimate][maximum][unit]=business_day",
            "shipping_options[0][shipping_rate_data][delivery_estimate][maximum][value]=5",
            "shipping_options[1][shipping_rate]=shr_express",
            "permissions[update_line_items]=server_only",
            "permissions[update_discounts]=server_only",
            "permissions[update_shipping_details]=server_only",
            "return_url=https%3A%2F%2Fshop.example%2Fcheckout%2Freturn%3Fsession_id%3D%7BCHECKOUT_SESSION_ID%7D",
            "customer_email=ada%40example.com",
            "client_reference_id=chk_42",
            "metadata[cart_version]=3",
            "metadata[order_ref]=42",
            "expires_at=1795000000",
            "expand[0]=line_items",
        ];

        Assert.Equal(string.Join('&', expected), StripeFormEncoder.Encode(request));
    }

    [Fact]
    public void CheckoutSessionUpdate_EncodesKeepChangeAddAndCouponData()
    {
        var request = new CheckoutSessionUpdateRequest
        {
            LineItems =
            [
                SessionLineItemParams.Keep("li_1"),
                SessionLineItemParams.Change("li_2", 3),
                SessionLineItemParams.AddPrice("price_9", 1, ["txr_1"]),
            ],
            Discounts = [SessionDiscountParams.AmountOff("Gold member 10 %", 1250, "eur")],
        };

        Assert.Equal(
            "line_items[0][id]=li_1"
            + "&line_items[1][id]=li_2&line_items[1][quantity]=3"
            + "&line_items[2][price]=price_9&line_items[2][quantity]=1&line_items[2][tax_rates][0]=txr_1"
            + "&discounts[0][coupon_data][name]=Gold%20member%2010%20%25"
            + "&discounts[0][coupon_data][amount_off]=1250&discounts[0][coupon_data][currency]=eur",
            StripeFormEncoder.Encode(request));
    }

    [Fact]
    public void EmptyListsAndMaps_EncodeAsTheClearMarker()
    {
        var request = new CheckoutSessionUpdateRequest
        {
            Discounts = CheckoutSessionUpdateRequest.Clear<SessionDiscountParams>(),
            ShippingOptions = [],
            Metadata = new Dictionary<string, string>(),
        };

        Assert.Equal("discounts=&shipping_options=&metadata=", StripeFormEncoder.Encode(request));
    }

    [Fact]
    public void ExplicitEmptyMarker_EncodesKeyWithEmptyValue()
    {
        var parameters = new Dictionary<string, object?>
        {
            ["discounts"] = StripeFormEncoder.Empty,
            ["skipped"] = null,
        };

        Assert.Equal("discounts=", StripeFormEncoder.Encode(parameters));
    }

    [Fact]
    public void NullProperties_AreOmitted_AndAnUpdateWithNothingSetIsEmpty()
    {
        Assert.Equal(string.Empty, StripeFormEncoder.Encode(new CheckoutSessionUpdateRequest()));
        Assert.Equal(string.Empty, StripeFormEncoder.Encode(null));
    }

    [Fact]
    public void SpecialCharacters_ArePercentEncoded_SpaceAsPercent20_BracketsInNamesEncoded()
    {
        var request = new ProductUpdateRequest
        {
            Name = "Tea & Cake = 100% café ☕",
            Metadata = new Dictionary<string, string>
            {
                ["note"] = "a b+c",
                ["k[x]"] = "[v]",
                ["emoji"] = "😀",
            },
        };

        Assert.Equal(
            "name=Tea%20%26%20Cake%20%3D%20100%25%20caf%C3%A9%20%E2%98%95"
            + "&metadata[emoji]=%F0%9F%98%80"
            + "&metadata[k%5Bx%5D]=%5Bv%5D"
            + "&metadata[note]=a%20b%2Bc",
            StripeFormEncoder.Encode(request));
    }

    [Theory]
    [InlineData("20.000", "20")]
    [InlineData("8.50", "8.5")]
    [InlineData("0.125", "0.125")]
    [InlineData("-12.10", "-12.1")]
    [InlineData("0.0", "0")]
    [InlineData("123456789.000000001", "123456789.000000001")]
    public void Decimals_AreInvariantWithoutTrailingZeros(string input, string expected)
    {
        var value = decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture);
        var request = new SessionCouponDataParams { PercentOff = value };

        Assert.Equal("percent_off=" + expected, StripeFormEncoder.Encode(request));
    }

    [Fact]
    public void Decimals_IgnoreTheCurrentCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var request = new TaxRateCreateRequest { DisplayName = "MwSt", Percentage = 7.5m, Inclusive = true };

            Assert.Equal("display_name=MwSt&percentage=7.5&inclusive=true", StripeFormEncoder.Encode(request));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Booleans_AreLowercase()
    {
        Assert.Equal("active=false", StripeFormEncoder.Encode(new ShippingRateUpdateRequest { Active = false }));
        Assert.Equal("active=true", StripeFormEncoder.Encode(new ProductUpdateRequest { Active = true }));
    }

    [Fact]
    public void ListQuery_PutsPaginationFirstThenFiltersAndIndexesLookupKeys()
    {
        var request = new PriceListRequest { Limit = 100, Active = true, LookupKeys = ["basic_monthly", "basic_yearly"] };

        Assert.Equal(
            "limit=100&active=true&lookup_keys[0]=basic_monthly&lookup_keys[1]=basic_yearly",
            StripeFormEncoder.Encode(request));
    }

    [Fact]
    public void ExpandOnRetrieve_IsIndexed()
    {
        Assert.Equal("expand[0]=line_items", StripeFormEncoder.Encode(StripeGetRequest.ExpandLineItems));
    }

    [Fact]
    public void TopLevelScalarsAndLists_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => StripeFormEncoder.Encode("mode=payment"));
        Assert.Throws<ArgumentException>(() => StripeFormEncoder.Encode(new[] { "a" }));
    }

    [Fact]
    public void LineItemFactories_RejectBlankIds()
    {
        Assert.Throws<ArgumentException>(() => SessionLineItemParams.Keep(" "));
        Assert.Throws<ArgumentException>(() => SessionLineItemParams.AddPrice("", 1));
    }

    [Fact]
    public void Dictionaries_OfAnyValueType_AreWrittenAsSortedMaps()
    {
        var parameters = new Dictionary<string, object?>
        {
            ["limits"] = new Dictionary<string, long> { ["b"] = 2, ["a"] = 1 },
            ["flags"] = new SortedDictionary<string, bool> { ["on"] = true },
        };

        Assert.Equal("flags[on]=true&limits[a]=1&limits[b]=2", StripeFormEncoder.Encode(parameters));
    }
}
