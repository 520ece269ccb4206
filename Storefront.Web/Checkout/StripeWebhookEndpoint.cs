using Microsoft.Extensions.Options;
using System.Text;
using Storefront.Web.Stripe;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Web.Checkout;

/// <summary>
/// POST /stripe/webhook: Stripe (or the emulator) calls it, so it is anonymous and has no antiforgery token; the
/// Stripe-Signature header is what proves the sender. Answers 2xx only once the event is safely handled.
/// </summary>
public static partial class StripeWebhookEndpoint
{
    public const string Path = "/stripe/webhook";
    private const int MaxBodyBytes = 512 * 1024;

    /// <summary>Stripe's own tolerance for the signature's timestamp.</summary>
    public const long ToleranceSeconds = 300;

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
        string json;
        try
        {
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return Results.Problem("The body is not UTF-8.", statusCode: StatusCodes.Status400BadRequest);
        }

        Event stripeEvent;
        try
        {
            // Checks the signature (HMAC over "{t}.{body}", 300 s tolerance) and that the event is on the SDK's version.
            stripeEvent = EventUtility.ConstructEvent(json, request.Headers["Stripe-Signature"].ToString(), secret, ToleranceSeconds);
        }
        catch (StripeException ex)
        {
            LogRejected(logger, ex.Message);
            return Results.Problem($"Invalid webhook: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Signed but not an event Stripe.net can read (not JSON, wrong shapes): the sender's fault, not ours.
            LogRejected(logger, ex.GetType().Name);
            return Results.Problem("The webhook body is not a Stripe event.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (string.IsNullOrEmpty(stripeEvent.Id) || string.IsNullOrEmpty(stripeEvent.Type)
            || (stripeEvent.Type.StartsWith("checkout.session.", StringComparison.Ordinal) && stripeEvent.Data?.Object is not Session { Id.Length: > 0 }))
        {
            LogRejected(logger, "event without id, type or checkout session");
            return Results.Problem("The event has no id, type or checkout session.", statusCode: StatusCodes.Status400BadRequest);
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
