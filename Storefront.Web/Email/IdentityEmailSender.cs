using Microsoft.AspNetCore.Identity.UI.Services;

namespace Storefront.Web.Email;

/// <summary>Identity's account pages (confirmation, reset, e-mail change) send through the shop's mailer.</summary>
public sealed class IdentityEmailSender(IMailer mailer) : IEmailSender
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage) =>
        mailer.SendAsync(new OutgoingMail(email, subject, htmlMessage));
}
