using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.Identity;
using MimeKit;
using Storefront.Data.Identity;

namespace Storefront.Web.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>Picks the transport from configuration, refusing to start where mail would be lost.</summary>
    public static WebApplicationBuilder AddStorefrontEmail(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(EmailOptions.SectionName);
        var settings = section.Get<EmailOptions>() ?? new EmailOptions();
        if (!MailboxAddress.TryParse(settings.From, out _))
        {
            throw new InvalidOperationException($"Email:From '{settings.From}' is not an e-mail address (use \"Name <address>\" or \"address\").");
        }

        var services = builder.Services;
        services.AddOptions<EmailOptions>().Bind(section);
        services.AddTransient<IEmailSender, IdentityEmailSender>();
        // After Identity's default UI, whose fallback wording this replaces (the last registration wins).
        services.AddTransient<IEmailSender<ShopUser>, AccountMails>();
        if (settings.UsesSmtp)
        {
            services.AddSingleton<IMailer, SmtpMailer>();
            return builder;
        }

        if (string.IsNullOrWhiteSpace(settings.PickupDirectory) && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"No e-mail delivery is configured in {builder.Environment.EnvironmentName}: account confirmations and password resets " +
                "could not be sent. Set Email:Host (with Email:Port, Email:Username, Email:Password and Email:From) for SMTP, " +
                "or Email:PickupDirectory to write messages as .eml files.");
        }

        var path = Path.GetFullPath(settings.PickupDirectory ?? Path.Combine("App_Data", "mail"), builder.Environment.ContentRootPath);
        services.AddSingleton(new MailPickupDirectory(path));
        services.AddSingleton<IMailer, PickupDirectoryMailer>();
        return builder;
    }
}
