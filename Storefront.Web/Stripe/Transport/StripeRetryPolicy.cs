using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Storefront.Web.Stripe;

/// <summary>
/// When and how long to wait before retrying, as Stripe's official SDKs do: connection errors, 409 and ≥ 500 are
/// retried; <c>Stripe-Should-Retry</c> overrides (false → never, true → always, which is the only way a 429 is
/// retried); delay 0.5 s × 2^(n−1) capped at 5 s, jittered to 50–100 %, never shorter than a (capped) Retry-After.
/// </summary>
public sealed class StripeRetryPolicy
{
    public const string ShouldRetryHeader = "Stripe-Should-Retry";

    private readonly Func<double> _random;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    /// <param name="random">Uniform [0, 1) source for the jitter; tests pin it.</param>
    /// <param name="delay">How to wait; tests record instead of sleeping. Default: <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>.</param>
    public StripeRetryPolicy(
        int maxNetworkRetries = 2,
        TimeProvider? timeProvider = null,
        Func<double>? random = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxNetworkRetries);
        MaxNetworkRetries = maxNetworkRetries;
        var time = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared.NextDouble;
        _delay = delay ?? ((d, ct) => Task.Delay(d, time, ct));
    }

    public StripeRetryPolicy(IOptions<StripeOptions> options, TimeProvider timeProvider)
        : this(options.Value.MaxNetworkRetries, timeProvider)
    {
    }

    public int MaxNetworkRetries { get; }

    public static TimeSpan InitialDelay { get; } = TimeSpan.FromSeconds(0.5);

    public static TimeSpan MaxDelay { get; } = TimeSpan.FromSeconds(5);

    /// <summary>A longer Retry-After is not honoured beyond this: the shopper is waiting (Stripe.js gives up after 20 s).</summary>
    public static TimeSpan MaxRetryAfter { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether a response is worth another attempt (ignoring how many retries are left).</summary>
    public static bool IsRetryable(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues(ShouldRetryHeader, out var values))
        {
            var value = values.FirstOrDefault()?.Trim();
            if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        var status = (int)response.StatusCode;
        return response.StatusCode == HttpStatusCode.Conflict || status >= 500;
    }

    /// <summary>Whether to retry after <paramref name="retriesSoFar"/> retries have already been made.</summary>
    public bool ShouldRetry(int retriesSoFar, HttpResponseMessage response) =>
        retriesSoFar < MaxNetworkRetries && IsRetryable(response);

    /// <summary>Connection errors and timeouts are always retryable while retries remain.</summary>
    public bool ShouldRetryConnectionError(int retriesSoFar) => retriesSoFar < MaxNetworkRetries;

    /// <summary>Delay before retry number <paramref name="retryNumber"/> (1-based).</summary>
    public TimeSpan ComputeDelay(int retryNumber, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        var exponent = Math.Min(retryNumber - 1, 16);
        var baseSeconds = Math.Min(InitialDelay.TotalSeconds * Math.Pow(2, exponent), MaxDelay.TotalSeconds);
        var jittered = TimeSpan.FromSeconds(baseSeconds * (0.5 + (0.5 * Math.Clamp(_random(), 0, 1))));
        if (retryAfter is { } after && after > jittered)
        {
            return after < MaxRetryAfter ? after : MaxRetryAfter;
        }

        return jittered;
    }

    /// <summary>Retry-After as delta-seconds or an HTTP date; null when absent or unreadable.</summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        if (response.Headers.TryGetValues("Retry-After", out var raw)
            && double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => _delay(delay, cancellationToken);
}
