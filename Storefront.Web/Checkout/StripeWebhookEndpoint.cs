using Microsoft.Extensions.Options;
using Storefront.Web.Stripe;

namespace Storefront.Web.Checkout;

/// <summary>
/// POST /stripe/webhook: Stripe (or the emulator) calls it, so it is anonymous and has no antiforgery token; the
/// Stripe-Signature header is what proves the sender. Answers 2xx only once the event is safely handled.
/// </summary>
public static partial class StripeWebhookEndpoint
{
    public const string Path = "/stripe/webhook";
    private const int MaxBodyBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    /// <summary>The secret webhooks are signed with: the configured one, or the emulator's in emulator mode.</summary>
    public static string? SigningSecret(StripeOptions stripe, CheckoutOptions checkout) =>
        !string.IsNullOrWhiteSpace(stripe.WebhookSecret) ? stripe.WebhookSecret
        : stripe.UsesEmulator ? checkout.EmulatorWebhookSecret
        : null;

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        StripeWebhookVerifier verifier,
        Fulfilment fulfilment,
        IOptions<StripeOptions> stripe,
        IOptions<CheckoutOptions> checkout,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(StripeWebhookEndpoint));
        var secret = SigningSecret(stripe.Value, checkout.Value);
        if (secret is null)
        {
            LogNoSecret(logger);
            return Results.Problem("Webhook signing secret is not configured.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (request.ContentLength is > MaxBodyBytes)
        {
            return Results.Problem("Payload too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        StripeEvent stripeEvent;
        try
        {
            stripeEvent = verifier.ConstructEvent(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), request.Headers["Stripe-Signature"], secret);
        }
        catch (StripeSignatureException ex)
        {
            LogRejected(logger, ex.Reason.ToString());
            return Results.Problem($"Invalid signature: {ex.Reason}.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var outcome = await fulfilment.HandleAsync(stripeEvent, cancellationToken);
            return Results.Ok(new { received = true, outcome = outcome.ToString() });
        }
        catch (FulfilmentNotReadyException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stripe webhook received but no signing secret is configured (set Stripe:WebhookSecret)")]
    private static partial void LogNoSecret(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe webhook rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
