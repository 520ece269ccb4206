namespace Storefront.Web.Admin;

/// <summary>Admin forms take and show times in UTC (datetime-local inputs carry no offset).</summary>
public static class AdminTime
{
    public static DateTimeOffset? FromInput(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Unspecified), TimeSpan.Zero) : null;

    public static DateTime? ForInput(DateTimeOffset? value) =>
        value is { } v ? DateTime.SpecifyKind(v.UtcDateTime, DateTimeKind.Unspecified) : null;
}
