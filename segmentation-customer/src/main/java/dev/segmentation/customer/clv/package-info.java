/**
 * Who is still a customer, how much they will buy, and what they are worth: the "buy till you die"
 * models of non-contractual retail, fitted by maximum likelihood on a calibration summary ({@link
 * dev.segmentation.customer.clv.CalibrationSummary}: repeat purchases x, recency t_x, age T, mean
 * repeat value per customer): {@link dev.segmentation.customer.clv.BgNbd} (Fader, Hardie and Lee
 * 2005, "Counting your customers the easy way", Marketing Science 24(2)), {@link
 * dev.segmentation.customer.clv.ParetoNbd} (Schmittlein, Morrison and Colombo 1987, Management
 * Science 33(1)) and the spend model {@link dev.segmentation.customer.clv.GammaGamma} (Fader,
 * Hardie and Lee 2005, "RFM and CLV", Journal of Marketing Research 42(4)); per-customer
 * probability alive, expected purchases, expected value and lifetime value ({@link
 * dev.segmentation.customer.clv.CustomerValue}), and the paper's validation against a holdout
 * ({@link dev.segmentation.customer.clv.Validation}).
 */
package dev.segmentation.customer.clv;
