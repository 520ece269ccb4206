using System.ComponentModel.DataAnnotations;

namespace Storefront.Web.Pricing;

/// <summary>Bound from "Pricing"; validated on start.</summary>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>Discounted eligible subtotal (minor units) from which the complimentary item is given.</summary>
    [Range(0, long.MaxValue, ErrorMessage = "Pricing:ComplimentaryThreshold is a non-negative amount in minor units.")]
    public long ComplimentaryThreshold { get; set; } = 15000;

    /// <summary>The country shipping options are shown for before Stripe has an address.</summary>
    [Required]
    [RegularExpression("^[A-Z]{2}$", ErrorMessage = "Pricing:DefaultCountry is an upper-case two-letter ISO code.")]
    public string DefaultCountry { get; set; } = "US";

    /// <summary>How long a rules snapshot is reused before it is read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Pricing:RulesCacheDuration is between 0 and 1 hour.")]
    public TimeSpan RulesCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
