using Storefront.Web.Stripe;

namespace Storefront.Tests.Unit.Stripe;

public sealed class StripePagingTests
{
    [Fact]
    public async Task ListAll_FollowsStartingAfter_AndKeepsTheFilters()
    {
        var client = new StripeTestClient();
        client.Handler
            .RespondOk("""{"object":"list","data":[{"id":"price_1"},{"id":"price_2"}],"has_more":true,"url":"/v1/prices"}""")
            .RespondOk("""{"object":"list","data":[{"id":"price_3"}],"has_more":false,"url":"/v1/prices"}""");

        var ids = new List<string>();
        await foreach (var price in StripePaging.ListAllAsync(
            new PriceListRequest { Limit = 2, Active = true },
            (r, ct) => client.Gateway.ListPricesAsync(r, null, ct),
            p => p.Id))
        {
            ids.Add(price.Id);
        }

        Assert.Equal(["price_1", "price_2", "price_3"], ids);
        Assert.Equal("https://stripe.test/v1/prices?limit=2&active=true", client.Handler.Requests[0].Uri.OriginalString);
        Assert.Equal("https://stripe.test/v1/prices?limit=2&starting_after=price_2&active=true", client.Handler.Requests[1].Uri.OriginalString);
    }
}
