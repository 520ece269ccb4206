using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Storefront.Web.Stripe;
using Stripe;

namespace Storefront.Tests.Unit.Stripe;

public sealed class PreviewAccessTests
{
    private static StripeException Error(HttpStatusCode status, string type, string? code, string? param, string message = "whatever the wording") =>
        new(status, new StripeError { Type = type, Code = code, Param = param, Message = message }, message);

    [Theory]
    [InlineData("discounts")]
    [InlineData("discounts[0][coupon_data]")]
    [InlineData("permissions[update_line_items]")]
    [InlineData("permissions[update_discounts]")]
    public void UnknownPreviewParameter_IsARefusal(string param) =>
        Assert.True(PreviewAccess.IsPreviewRefusal(Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_unknown", param)));

    [Fact]
    public void TheDecision_IsByCodeAndParam_NotByMessage()
    {
        Assert.False(PreviewAccess.IsPreviewRefusal(Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_unknown", "metadata", "Received unknown parameter: discounts")));
        Assert.False(PreviewAccess.IsPreviewRefusal(Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_invalid_integer", "discounts")));
        Assert.False(PreviewAccess.IsPreviewRefusal(Error(HttpStatusCode.InternalServerError, "api_error", "parameter_unknown", "discounts")));
        Assert.False(PreviewAccess.IsPreviewRefusal(Error(HttpStatusCode.BadRequest, "invalid_request_error", null, null, "Received unknown parameter: discounts")));
    }

    [Fact]
    public void AfterARefusal_PreviewFallsBackToLinePrices_ForTheProcess()
    {
        var access = new PreviewAccess(Options.Create(new StripeOptions { DiscountUpdates = DiscountUpdateMode.Preview }), NullLogger<PreviewAccess>.Instance);
        Assert.Equal(DiscountUpdateMode.Preview, access.Current);

        access.MarkUnavailable(Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_unknown", "discounts"));

        Assert.Equal(DiscountUpdateMode.LinePrices, access.Current);
    }
}
