using System.Net;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Unit.Stripe;

public sealed class StripeRetryPolicyTests
{
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 1.0)]
    [InlineData(3, 2.0)]
    [InlineData(4, 4.0)]
    [InlineData(5, 5.0)]
    [InlineData(9, 5.0)]
    public void Delay_IsHalfSecondTimesTwoToTheNMinusOne_CappedAtFive_JitteredToHalfOrMore(int retry, double fullSeconds)
    {
        var low = new StripeRetryPolicy(random: () => 0.0);
        var high = new StripeRetryPolicy(random: () => 1.0);

        Assert.Equal(TimeSpan.FromSeconds(fullSeconds / 2), low.ComputeDelay(retry));
        Assert.Equal(TimeSpan.FromSeconds(fullSeconds), high.ComputeDelay(retry));
    }

    [Fact]
    public void Delay_WithRealJitter_StaysWithinHalfAndFullOfTheBackoff()
    {
        var policy = new StripeRetryPolicy();
        for (var retry = 1; retry <= 8; retry++)
        {
            var full = Math.Min(0.5 * Math.Pow(2, retry - 1), 5.0);
            for (var i = 0; i < 200; i++)
            {
                var seconds = policy.ComputeDelay(retry).TotalSeconds;
                Assert.InRange(seconds, (full / 2) - 1e-9, full + 1e-9);
            }
        }
    }

    [Fact]
    public void RetryAfter_WinsWhenLonger_AndIsCapped()
    {
        var policy = new StripeRetryPolicy(random: () => 0.0);

        Assert.Equal(TimeSpan.FromSeconds(2), policy.ComputeDelay(1, TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(0.25), policy.ComputeDelay(1, TimeSpan.FromSeconds(0.1)));
        Assert.Equal(StripeRetryPolicy.MaxRetryAfter, policy.ComputeDelay(1, TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, null, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, true)]
    [InlineData(HttpStatusCode.Conflict, null, true)]
    [InlineData(HttpStatusCode.TooManyRequests, null, false)]
    [InlineData(HttpStatusCode.TooManyRequests, "true", true)]
    [InlineData(HttpStatusCode.InternalServerError, "false", false)]
    [InlineData(HttpStatusCode.Conflict, "false", false)]
    [InlineData(HttpStatusCode.BadRequest, null, false)]
    [InlineData(HttpStatusCode.BadRequest, "true", true)]
    [InlineData(HttpStatusCode.Unauthorized, null, false)]
    [InlineData(HttpStatusCode.NotFound, null, false)]
    public void IsRetryable_FollowsStatusAndShouldRetryHeader(HttpStatusCode status, string? shouldRetry, bool expected)
    {
        using var response = new HttpResponseMessage(status);
        if (shouldRetry is not null)
        {
            response.Headers.TryAddWithoutValidation("Stripe-Should-Retry", shouldRetry);
        }

        Assert.Equal(expected, StripeRetryPolicy.IsRetryable(response));
    }

    [Fact]
    public void ShouldRetry_StopsWhenRetriesAreUsedUp()
    {
        var policy = new StripeRetryPolicy(maxNetworkRetries: 2);
        using var response = new HttpResponseMessage(HttpStatusCode.InternalServerError);

        Assert.True(policy.ShouldRetry(0, response));
        Assert.True(policy.ShouldRetry(1, response));
        Assert.False(policy.ShouldRetry(2, response));
        Assert.False(policy.ShouldRetryConnectionError(2));
    }

    [Fact]
    public void ReadRetryAfter_AcceptsSecondsAndHttpDates()
    {
        var now = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "4");
        using var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.TryAddWithoutValidation("Retry-After", now.AddSeconds(7).ToString("R"));
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(4), StripeRetryPolicy.ReadRetryAfter(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(7), StripeRetryPolicy.ReadRetryAfter(date, now));
        Assert.Null(StripeRetryPolicy.ReadRetryAfter(none, now));
    }
}
