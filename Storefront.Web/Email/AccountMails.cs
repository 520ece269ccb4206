using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Storefront.Data.Identity;
using Storefront.Web.Infrastructure;

namespace Storefront.Web.Email;

/// <summary>
/// The wording of the account mails, in the shop's name, for Identity's pages and the shop's registration page.
/// Links arrive HTML-encoded from the pages that made them.
/// </summary>
public sealed class AccountMails(IMailer mailer, IOptions<ShopOptions> shop) : IEmailSender<ShopUser>
{
    private string Shop => WebUtility.HtmlEncode(shop.Value.Name);

    public Task SendConfirmationLinkAsync(ShopUser user, string email, string confirmationLink) =>
        mailer.SendAsync(new OutgoingMail(email, $"Confirm your e-mail address for {shop.Value.Name}",
            $"<p>Hello,</p><p>please confirm this address for your {Shop} account: <a href='{confirmationLink}'>confirm my e-mail address</a>.</p>" +
            "<p>If you did not ask for this, ignore this mail.</p>"));

    public Task SendPasswordResetLinkAsync(ShopUser user, string email, string resetLink) =>
        mailer.SendAsync(new OutgoingMail(email, $"Reset your {shop.Value.Name} password",
            $"<p>Hello,</p><p>choose a new password for your {Shop} account: <a href='{resetLink}'>reset my password</a>. The link works once.</p>" +
            "<p>If you did not ask for this, ignore this mail; your password stays as it is.</p>"));

    public Task SendPasswordResetCodeAsync(ShopUser user, string email, string resetCode) =>
        mailer.SendAsync(new OutgoingMail(email, $"Reset your {shop.Value.Name} password",
            $"<p>Hello,</p><p>your code to reset the password of your {Shop} account: <strong>{WebUtility.HtmlEncode(resetCode)}</strong></p>"));
}
