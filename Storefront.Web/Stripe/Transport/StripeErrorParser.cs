using System.Net;
using System.Text.Json;

namespace Storefront.Web.Stripe;

/// <summary>Turns an error response (<c>{"error":{type, code, message, param, decline_code, doc_url}}</c>) into a <see cref="StripeException"/>.</summary>
public static class StripeErrorParser
{
    public static StripeException ToException(string? body, HttpStatusCode status, string? requestId, bool isRetryable)
    {
        StripeErrorBody? error = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                error = JsonSerializer.Deserialize<StripeErrorEnvelope>(body, StripeJson.Options)?.Error;
            }
            catch (JsonException)
            {
                // Not Stripe's shape (a proxy's HTML page, say): fall through to a generic message.
            }
        }

        var message = string.IsNullOrWhiteSpace(error?.Message)
            ? $"Stripe returned HTTP {(int)status} without an error message."
            : error.Message;
        return new StripeException(
            message,
            status,
            type: error?.Type ?? ((int)status >= 500 ? "api_error" : null),
            code: error?.Code,
            param: error?.Param,
            declineCode: error?.DeclineCode,
            docUrl: error?.DocUrl,
            requestId: requestId,
            isRetryable: isRetryable);
    }

    private sealed record StripeErrorEnvelope
    {
        public StripeErrorBody? Error { get; init; }
    }

    private sealed record StripeErrorBody
    {
        public string? Type { get; init; }

        public string? Code { get; init; }

        public string? Message { get; init; }

        public string? Param { get; init; }

        public string? DeclineCode { get; init; }

        public string? DocUrl { get; init; }
    }
}
