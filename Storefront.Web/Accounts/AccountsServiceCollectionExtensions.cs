using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Storefront.Data;
using Storefront.Data.Identity;
using Storefront.Web.Carts;
using Storefront.Web.Infrastructure;

namespace Storefront.Web.Accounts;

/// <summary>
/// Accounts are ASP.NET Core Identity with its default UI (pages under /Identity/Account); the pages the shop
/// restyles are scaffolded in Areas/Identity. Merchants need a second factor for the admin area.
/// </summary>
public static class AccountsServiceCollectionExtensions
{
    public const string LoginPath = "/Identity/Account/Login";
    public const string LogoutPath = "/Identity/Account/Logout";
    public const string ManagePath = "/Identity/Account/Manage";
    public const string TwoFactorPath = "/Identity/Account/Manage/TwoFactorAuthentication";

    public static WebApplicationBuilder AddStorefrontAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AccountOptions.SectionName);
        services.AddOptions<AccountOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var accounts = section.Get<AccountOptions>() ?? new AccountOptions();

        services.AddDefaultIdentity<ShopUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = accounts.RequireConfirmedEmail;
                options.SignIn.RequireConfirmedEmail = accounts.RequireConfirmedEmail;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedAccessAttempts;
                options.Lockout.DefaultLockoutTimeSpan = accounts.LockoutDuration;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StorefrontDbContext>()
            .AddUserManager<ShopUserManager>();
        services.AddScoped<AccountErasure>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "sf_auth";
            options.LoginPath = LoginPath;
            options.LogoutPath = LogoutPath;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Events = new CookieAuthenticationEvents
            {
                OnRedirectToAccessDenied = RedirectToAccessDenied,
                OnSignedIn = MergeVisitorCartAsync,
            };
        });

        services.AddScoped<IAuthorizationHandler, AdminTwoFactorHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin).AddRequirements(new AdminTwoFactorRequirement()));
        return builder;
    }

    /// <summary>The hand-made account pages lived under /Account; old links and bookmarks land on their successors.</summary>
    public static WebApplication MapLegacyAccountPaths(this WebApplication app)
    {
        var moved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["/Account/Login"] = LoginPath,
            ["/Account/Register"] = "/Identity/Account/Register",
            ["/Account/Logout"] = LogoutPath,
            ["/Account/Profile"] = ManagePath,
        };
        foreach (var (from, to) in moved)
        {
            app.MapGet(from, (HttpContext context) => Results.Redirect(to + context.Request.QueryString));
        }

        return app;
    }

    /// <summary>
    /// A signed-in shopper without the right role gets a real 403 (rendered by the status page). A merchant who
    /// has not completed a second factor is sent to set one up (or to sign in again with it).
    /// </summary>
    private static Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        var user = context.HttpContext.User;
        if (user.IsInRole(Roles.Admin) && !user.IsMultiFactor())
        {
            context.Response.Redirect(TwoFactorPath + "?required=admin");
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>The cart a visitor filled joins the account's cart when they sign in (password, code or registration).</summary>
    private static async Task MergeVisitorCartAsync(CookieSignedInContext context)
    {
        var userId = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var services = context.HttpContext.RequestServices;
        if (userId is null || services.GetRequiredService<CartOwnerAccessor>().VisitorId() is not { } visitorId)
        {
            return;
        }

        // A scope (and database context) of its own: the merge retries on conflicts by clearing what it tracked,
        // which must not detach the user Identity is still working with in this request.
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CartMerger>()
            .MergeAsync(CartOwner.ForVisitor(visitorId), CartOwner.ForUser(userId), context.HttpContext.RequestAborted);
    }
}
