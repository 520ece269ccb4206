namespace Storefront.Data.Carts;

/// <summary>A cart change that breaks a rule; the message is written for the shopper.</summary>
public sealed class CartRuleException(string message) : Exception(message);
