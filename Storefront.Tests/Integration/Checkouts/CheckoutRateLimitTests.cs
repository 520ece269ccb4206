using System.Net;
using Microsoft.AspNetCore.Hosting;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Checkouts;

public sealed class CheckoutRateLimitTests
{
    [Fact]
    public async Task AShopperHammeringTheUpdateHandlers_Gets429WithAMessage()
    {
        using var factory = new StorefrontAppFactory();
        using var app = factory.WithWebHostBuilder(builder => builder.UseSetting("Checkout:UpdatesPerMinute", "6"));
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(factory, shopper, ("colombia-huila", 1, null));
        var actions = new CheckoutActionClient(factory, shopper, sessionId);

        var statuses = new List<HttpStatusCode>();
        string? message = null;
        for (var i = 0; i < 6; i++)
        {
            var (status, body) = await actions.AddOnAsync("gift-wrap", i % 2 == 0);
            statuses.Add(status);
            if (status == HttpStatusCode.TooManyRequests)
            {
                message = (string?)body["message"];
            }
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal("Too many changes in a short time. Please wait a moment and try again.", message);
    }
}
