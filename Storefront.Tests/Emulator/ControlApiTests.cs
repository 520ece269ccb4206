using System.Net;
using Storefront.StripeEmulator;

namespace Storefront.Tests.Emulator;

/// <summary>Own fixture: adds a dead webhook endpoint, moves time and resets state.</summary>
public sealed class ControlApiTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    [Fact]
    public async Task UnreachableEndpoint_IsRetriedOnSchedule_ThenGivenUp_WhileTheOtherEndpointGetsIt()
    {
        const string dead = "http://127.0.0.1:1/hook";
        host.State.Options.WebhookEndpoints.Add(new WebhookEndpoint(dead, "whsec_dead"));
        try
        {
            var price = await host.Http.NewPrice(100);
            var id = (await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)))).S("id");
            host.State.CompleteCheckoutSession(id);
            var eventId = host.State.EventList.First(e => e.Type == "checkout.session.completed").Id;

            // Schedule in the fixture: 3 retries -> 4 attempts in all.
            await Api.Eventually(() => host.State.WebhookDeliveries.Count(d => d.EventId == eventId && d.EndpointUrl == dead) == 4, "4 attempts");
            await Task.Delay(300);
            var attempts = host.State.WebhookDeliveries.Where(d => d.EventId == eventId && d.EndpointUrl == dead).ToList();
            Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.Attempt));
            Assert.All(attempts, a => Assert.Null(a.StatusCode));
            Assert.All(attempts, a => Assert.False(string.IsNullOrEmpty(a.Error)));
            Assert.All(attempts, a => Assert.False(a.Succeeded));

            await Api.Eventually(() => host.State.WebhookDeliveries.Any(d => d.EventId == eventId && d.Succeeded), "good endpoint");
            var ev = await host.Http.Get($"v1/events/{eventId}");
            Assert.Equal(1, ev.Obj.L("pending_webhooks"));
        }
        finally
        {
            host.State.Options.WebhookEndpoints.RemoveAll(e => e.Url == dead);
        }
    }

    [Fact]
    public async Task TimeAdvance_AndReset_OverHttp()
    {
        using var control = host.NewClient(null);
        var price = await host.Http.NewPrice(100);
        var id = (await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)))).S("id");
        var before = host.State.UtcNow;
        var advanced = await control.Post("_emulator/time/advance", new Form(("seconds", 24 * 3600)));
        Assert.Equal(before.AddHours(24).ToUnixTimeSeconds(), advanced.Obj.L("now"));
        Assert.Equal("expired", (await host.Http.Get($"v1/checkout/sessions/{id}")).Obj.S("status"));

        var reset = await control.Post("_emulator/reset");
        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.Get($"v1/checkout/sessions/{id}")).Status);
        Assert.Empty((await host.Http.Get("v1/events")).Obj["data"]!.AsArray());
        Assert.Equal(before, host.State.UtcNow);
    }
}
