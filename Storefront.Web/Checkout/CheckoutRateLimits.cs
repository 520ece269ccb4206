using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Storefront.Web.Carts;

namespace Storefront.Web.Checkout;

/// <summary>
/// The checkout handlers each cost a Stripe call, so each shopper (user, else visitor cookie, else address) gets a
/// token bucket: bursts of clicks are fine, a script hammering the endpoint gets 429 with a message.
/// </summary>
public static class CheckoutRateLimits
{
    public const string PolicyName = "checkout";

    public static IServiceCollection AddCheckoutRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Checkout:UpdatesPerMinute", 60);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "application/json";
                await context.HttpContext.Response.WriteAsync(
                    """{"type":"error","message":"Too many changes in a short time. Please wait a moment and try again."}""", cancellationToken);
            };
            options.AddPolicy(PolicyName, http => RateLimitPartition.GetTokenBucketLimiter(ShopperKey(http), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, perMinute / 3),
                TokensPerPeriod = Math.Max(1, perMinute / 6),
                ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        });
        return services;
    }

    private static string ShopperKey(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? "user:" + user
        : http.Request.Cookies.TryGetValue(CartOwnerAccessor.CookieName, out var visitor) ? "visitor:" + visitor
        : "ip:" + http.Connection.RemoteIpAddress;
}
