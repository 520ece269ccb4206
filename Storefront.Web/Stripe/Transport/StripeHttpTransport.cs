using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Storefront.Web.Stripe;

/// <summary>
/// Sends one Stripe API call: form-encodes parameters, authenticates, retries as the official SDKs do, maps errors
/// to <see cref="StripeException"/>, deserialises the response and logs each attempt.
/// </summary>
public sealed class StripeHttpTransport
{
    /// <summary>The IHttpClientFactory name; a host may reconfigure it (e.g. a test server's handler).</summary>
    public const string HttpClientName = "Storefront.Stripe";

    public const string UserAgent = "Storefront/1.0";
    public const int MaxIdempotencyKeyLength = 255;

    private static readonly MediaTypeHeaderValue FormContentType = new("application/x-www-form-urlencoded");

    private readonly HttpClient _http;
    private readonly IOptions<StripeOptions> _options;
    private readonly IStripeBaseAddressProvider _baseAddress;
    private readonly StripeRetryPolicy _retryPolicy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public StripeHttpTransport(
        HttpClient http,
        IOptions<StripeOptions> options,
        IStripeBaseAddressProvider baseAddress,
        StripeRetryPolicy retryPolicy,
        TimeProvider time,
        ILogger<StripeHttpTransport> logger)
    {
        _http = http;
        _options = options;
        _baseAddress = baseAddress;
        _retryPolicy = retryPolicy;
        _time = time;
        _logger = logger;
    }

    public Task<T> GetAsync<T>(string path, object? query, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, query, requestOptions: null, cancellationToken);

    public Task<T> DeleteAsync<T>(string path, StripeRequestOptions? requestOptions, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Delete, path, parameters: null, requestOptions, cancellationToken);

    public Task<T> PostAsync<T>(string path, object? body, StripeRequestOptions? requestOptions, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Post, path, body, requestOptions, cancellationToken);

    /// <summary>
    /// <paramref name="path"/> starts with <c>/v1/</c>. Parameters go in the query for GET/DELETE and in the body for POST.
    /// </summary>
    public async Task<T> SendAsync<T>(
        HttpMethod method,
        string path,
        object? parameters,
        StripeRequestOptions? requestOptions,
        CancellationToken cancellationToken)
    {
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException("The path must start with '/'.", nameof(path));
        }

        var options = _options.Value;
        var encoded = StripeFormEncoder.Encode(parameters);
        var isPost = method == HttpMethod.Post;
        var idempotencyKey = isPost ? ResolveIdempotencyKey(requestOptions) : null;
        var uri = BuildUri(path, isPost ? null : encoded);
        var secretKey = options.UsesEmulator ? options.EmulatorApiKey ?? StripeOptions.DevelopmentEmulatorApiKey : options.SecretKey!;

        for (var attempt = 1; ; attempt++)
        {
            var retriesSoFar = attempt - 1;
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secretKey);
            request.Headers.TryAddWithoutValidation("Stripe-Version", options.ApiVersion);
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            request.Headers.Accept.ParseAdd("application/json");
            if (idempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            }

            if (isPost)
            {
                request.Content = new StringContent(encoded, Encoding.UTF8);
                request.Content.Headers.ContentType = FormContentType;
            }

            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(options.Timeout);
            var started = _time.GetTimestamp();

            HttpResponseMessage? response = null;
            string body;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token).ConfigureAwait(false);
                body = await response.Content.ReadAsStringAsync(attemptTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
            {
                response?.Dispose();
                var reason = ex is OperationCanceledException ? $"timed out after {options.Timeout.TotalSeconds:0.#} s" : ex.GetType().Name + ": " + ex.Message;
                StripeLog.ConnectionFailed(_logger, method.Method, path, attempt, ElapsedMs(started), idempotencyKey, reason);
                if (!_retryPolicy.ShouldRetryConnectionError(retriesSoFar))
                {
                    throw new StripeException(
                        $"Could not reach Stripe ({method.Method} {path}) after {attempt} attempt(s): {reason}.",
                        type: StripeException.ConnectionErrorType,
                        isRetryable: true,
                        innerException: ex);
                }

                await WaitBeforeRetryAsync(method, path, retriesSoFar + 1, retryAfter: null, idempotencyKey, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch
            {
                response?.Dispose();
                throw;
            }

            using (response)
            {
                var requestId = Header(response, "Request-Id");
                var status = (int)response.StatusCode;
                StripeLog.Response(_logger, method.Method, path, status, attempt, ElapsedMs(started), requestId, idempotencyKey);

                if (response.IsSuccessStatusCode)
                {
                    return Deserialize<T>(body, response.StatusCode, requestId);
                }

                var retryable = StripeRetryPolicy.IsRetryable(response);
                if (retryable && _retryPolicy.ShouldRetry(retriesSoFar, response))
                {
                    var retryAfter = StripeRetryPolicy.ReadRetryAfter(response, _time.GetUtcNow());
                    await WaitBeforeRetryAsync(method, path, retriesSoFar + 1, retryAfter, idempotencyKey, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var exception = StripeErrorParser.ToException(body, response.StatusCode, requestId, retryable);
                StripeLog.Failed(_logger, method.Method, path, status, exception.Type, exception.Code, requestId, idempotencyKey);
                throw exception;
            }
        }
    }

    private Uri BuildUri(string path, string? query)
    {
        var root = _baseAddress.GetBaseAddress().AbsoluteUri.TrimEnd('/');
        var text = string.IsNullOrEmpty(query) ? root + path : root + path + "?" + query;
        return new Uri(text, UriKind.Absolute);
    }

    private static string ResolveIdempotencyKey(StripeRequestOptions? requestOptions)
    {
        var key = requestOptions?.IdempotencyKey;
        if (key is null)
        {
            return "sf-" + Guid.NewGuid().ToString("N");
        }

        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxIdempotencyKeyLength)
        {
            throw new ArgumentException($"An idempotency key must be 1–{MaxIdempotencyKeyLength} non-blank characters.", nameof(requestOptions));
        }

        return key;
    }

    /// <summary>Network failures and our own per-attempt timeout; a cancellation the caller asked for is not one.</summary>
    private static bool IsConnectionFailure(Exception ex, CancellationToken callerToken) => ex switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        HttpRequestException or IOException => true,
        _ => false,
    };

    private async Task WaitBeforeRetryAsync(HttpMethod method, string path, int retryNumber, TimeSpan? retryAfter, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var delay = _retryPolicy.ComputeDelay(retryNumber, retryAfter);
        StripeLog.Retrying(_logger, method.Method, path, (long)delay.TotalMilliseconds, retryNumber, _retryPolicy.MaxNetworkRetries, idempotencyKey);
        await _retryPolicy.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
    }

    private static T Deserialize<T>(string body, HttpStatusCode status, string? requestId)
    {
        try
        {
            return StripeJson.Deserialize<T>(body);
        }
        catch (JsonException ex)
        {
            throw new StripeException(
                $"Stripe answered {(int)status} with a body that is not a {typeof(T).Name}: {ex.Message}",
                status,
                type: "api_error",
                requestId: requestId,
                innerException: ex);
        }
    }

    private long ElapsedMs(long started) => (long)_time.GetElapsedTime(started).TotalMilliseconds;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
