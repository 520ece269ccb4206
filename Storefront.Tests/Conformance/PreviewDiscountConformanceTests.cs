using System.Net;
using Storefront.Web.Stripe;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Tests.Conformance;

/// <summary>The private-preview discount parameters, through Stripe.net's extra params and the preview-version handler.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class PreviewDiscountConformanceTests(ConformanceHost host)
{
    [Fact]
    public async Task CouponData_OnUpdate_WithTheBetaFlag_DiscountsTheSession_AndAnEmptyValueClearsIt()
    {
        var mug = await host.Client.NewPrice(1200, name: "Mug");
        var session = await host.Client.NewSession(ConformanceSupport.Line(mug, 2));

        var update = new SessionUpdateOptions { Expand = ["line_items"] };
        update.AddExtraParam("discounts[0][coupon_data][name]", "Loyalty");
        update.AddExtraParam("discounts[0][coupon_data][amount_off]", 300);
        update.AddExtraParam("discounts[0][coupon_data][currency]", "usd");
        update.AddExtraParam("discounts[0][coupon_data][duration]", "once");
        var discounted = await host.Gateway.UpdateCheckoutSessionAsync(session.Id, update, preview: true);

        Assert.Equal(2400, discounted.AmountSubtotal);
        Assert.Equal(300, discounted.TotalDetails.AmountDiscount);
        Assert.Equal(2100, discounted.AmountTotal);
        Assert.Equal(300, Assert.Single(discounted.LineItems.Data).AmountDiscount);

        var clear = new SessionUpdateOptions();
        clear.AddExtraParam("discounts", "");
        var cleared = await host.Gateway.UpdateCheckoutSessionAsync(session.Id, clear, preview: true);
        Assert.Equal(0, cleared.TotalDetails.AmountDiscount);
        Assert.Equal(2400, cleared.AmountTotal);
    }
}
