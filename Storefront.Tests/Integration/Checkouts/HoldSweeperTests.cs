using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data.Checkouts;
using Storefront.Tests.Support;
using Storefront.Web.Checkout;

namespace Storefront.Tests.Integration.Checkouts;

public sealed class HoldSweeperTests(ClockedStorefrontAppFactory app) : IClassFixture<ClockedStorefrontAppFactory>
{
    [Fact]
    public async Task ACheckoutThatExpiredWithoutAWebhook_IsClosed_AndItsStockFreed()
    {
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("pour-over-dripper", 3, null));
        var sweeper = app.Services.GetRequiredService<HoldSweeper>();
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(3, await CheckoutFlow.HeldAsync(app, "pour-over-dripper"));

        app.Emulator.Options.WebhookEndpoints.Clear();
        app.Clock.Advance(TimeSpan.FromMinutes(32));

        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(0, await CheckoutFlow.HeldAsync(app, "pour-over-dripper"));
        Assert.Equal(CheckoutStatus.Expired, await CheckoutFlow.QueryAsync(app, db => db.Checkouts.Where(c => c.StripeSessionId == sessionId).Select(c => c.Status).SingleAsync()));
    }
}
