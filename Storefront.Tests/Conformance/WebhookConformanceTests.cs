using System.Text;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Conformance;

[Collection(ConformanceCollection.Name)]
public sealed class WebhookConformanceTests(ConformanceHost host)
{
    [Fact]
    public async Task Completed_session_webhook_verifies_and_parses()
    {
        var price = await host.Gateway.NewPrice(4200);
        var s = await host.Gateway.NewSession(SessionLineItemParams.AddPrice(price, 1));

        var completion = host.State.CompleteCheckoutSession(s.Id);
        Assert.True(completion.Succeeded);

        ConformanceWebhook? hook = null;
        StripeEvent? ev = null;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (ev is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "no checkout.session.completed webhook for " + s.Id);
            foreach (var h in host.Webhooks)
            {
                var candidate = host.Verifier.ConstructEvent(h.Body, h.Signature, ConformanceHost.WebhookSecret);
                if (candidate.Type == StripeEventTypes.CheckoutSessionCompleted && candidate.GetCheckoutSession().Id == s.Id)
                {
                    (hook, ev) = (h, candidate);
                }
            }
            if (ev is null) await Task.Delay(10);
        }

        Assert.StartsWith("evt_", ev.Id);
        Assert.Equal("event", ev.Object);
        var session = ev.GetCheckoutSession();
        Assert.Equal("complete", session.Status);
        Assert.Equal("paid", session.PaymentStatus);
        Assert.Equal(4200, session.AmountTotal);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", hook!.Signature);

        // The same event through the API.
        var fetched = await host.Gateway.GetEventAsync(ev.Id);
        Assert.Equal(ev.Type, fetched.Type);
        Assert.Equal(s.Id, fetched.GetCheckoutSession().Id);

        // A tampered body or the wrong secret is refused.
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(hook.Body).Replace("4200", "1", StringComparison.Ordinal));
        Assert.Throws<StripeSignatureException>(() => host.Verifier.ConstructEvent(tampered, hook.Signature, ConformanceHost.WebhookSecret));
        Assert.Throws<StripeSignatureException>(() => host.Verifier.ConstructEvent(hook.Body, hook.Signature, "whsec_other"));
    }
}
