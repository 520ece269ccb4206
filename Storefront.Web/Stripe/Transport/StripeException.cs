using System.Net;

namespace Storefront.Web.Stripe;

/// <summary>
/// A failed Stripe call: an error response (<see cref="HttpStatus"/> set, fields from <c>{"error":{…}}</c>) or a
/// connection failure/timeout after the retries (<see cref="Type"/> = <c>api_connection_error</c>, no status).
/// </summary>
public class StripeException : Exception
{
    public const string ConnectionErrorType = "api_connection_error";

    public StripeException(
        string message,
        HttpStatusCode? httpStatus = null,
        string? type = null,
        string? code = null,
        string? param = null,
        string? declineCode = null,
        string? docUrl = null,
        string? requestId = null,
        bool isRetryable = false,
        Exception? innerException = null)
        : base(message, innerException)
    {
        HttpStatus = httpStatus;
        Type = type;
        Code = code;
        Param = param;
        DeclineCode = declineCode;
        DocUrl = docUrl;
        RequestId = requestId;
        IsRetryable = isRetryable;
    }

    /// <summary>Null for connection errors.</summary>
    public HttpStatusCode? HttpStatus { get; }

    /// <summary>invalid_request_error | api_error | card_error | idempotency_error | api_connection_error.</summary>
    public string? Type { get; }

    /// <summary>For example <c>resource_missing</c>.</summary>
    public string? Code { get; }

    /// <summary>The offending parameter, e.g. <c>line_items[0][price]</c>.</summary>
    public string? Param { get; }

    public string? DeclineCode { get; }

    public string? DocUrl { get; }

    /// <summary>The <c>Request-Id</c> response header (<c>req_…</c>), for support.</summary>
    public string? RequestId { get; }

    /// <summary>Whether the retry policy considered the failure retryable (it may have run out of retries).</summary>
    public bool IsRetryable { get; }

    public bool IsNotFound => HttpStatus == HttpStatusCode.NotFound;

    public bool IsConnectionError => Type == ConnectionErrorType;
}
