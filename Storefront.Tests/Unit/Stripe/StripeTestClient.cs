using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Unit.Stripe;

/// <summary>A gateway over a <see cref="FakeStripeHandler"/>; retries wait for nothing and record their delays.</summary>
internal sealed class StripeTestClient
{
    public StripeTestClient(StripeOptions? options = null, Func<double>? random = null, ILogger<StripeHttpTransport>? logger = null)
    {
        Options = options ?? new StripeOptions
        {
            SecretKey = "sk_test_123",
            PublishableKey = "pk_test_123",
            ApiBase = "https://stripe.test",
        };
        Policy = new StripeRetryPolicy(
            Options.MaxNetworkRetries,
            TimeProvider.System,
            random ?? (() => 0.5),
            (delay, ct) =>
            {
                Delays.Add(delay);
                return Task.CompletedTask;
            });
        var wrapped = Microsoft.Extensions.Options.Options.Create(Options);
        Transport = new StripeHttpTransport(
            new HttpClient(Handler),
            wrapped,
            new StripeBaseAddressProvider(wrapped),
            Policy,
            TimeProvider.System,
            logger ?? NullLogger<StripeHttpTransport>.Instance);
        Gateway = new StripeGateway(Transport);
    }

    public StripeOptions Options { get; }

    public FakeStripeHandler Handler { get; } = new();

    public List<TimeSpan> Delays { get; } = [];

    public StripeRetryPolicy Policy { get; }

    public StripeHttpTransport Transport { get; }

    public IStripeGateway Gateway { get; }
}
