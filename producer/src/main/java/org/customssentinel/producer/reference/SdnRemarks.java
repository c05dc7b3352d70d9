package org.customssentinel.producer.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.customssentinel.avro.PartyIdentifier;

/**
 * What OFAC's remarks say about an entry besides its name: {@code a.k.a.} names and identifiers, each one
 * {@code ;}-separated remark such as {@code Tax ID No. 7725824287 (Russia)} or
 * {@code Unified Social Credit Code (USCC) 91110000802100433B (China)}.
 */
final class SdnRemarks {

    private static final Pattern AKA = Pattern.compile("[af]\\.k\\.a\\.,?\\s*'([^']+)'", Pattern.CASE_INSENSITIVE);

    /**
     * The kinds of identifier that name a trader (tax, company and trade registers, EORI). Dates, phone numbers,
     * SWIFT codes, vessel and passport numbers are left out: declarations do not carry them as a party's id.
     */
    static final Set<String> TRADER_IDS = Set.of(
            "Tax ID No.", "Registration Number", "Registration ID", "Government Gazette Number",
            "Business Registration Number", "National ID No.", "Company Number", "UK Company Number",
            "Identification Number", "Commercial Registry Number", "R.F.C.", "RFC", "Folio Mercantil No.",
            "V.A.T. Number", "Unified Social Credit Code (USCC)", "United Social Credit Code Certificate (USCCC)",
            "Trade License No.", "Legal Entity Number", "C.R. No.", "Economic Register Number (CBLS)",
            "Chamber of Commerce Number", "Matricula Mercantil No", "D-U-N-S Number", "Central Registration System Number",
            "Business Number", "Enterprise Number", "Public Registration Number", "Certificate of Incorporation Number",
            "US FEIN", "C.U.I.T.", "RTN", "Istanbul Chamber of Comm. No.", "Branch Unit Number", "EORI Number",
            "Commercial Registry No.", "Registered Charity No.", "Dubai Chamber of Commerce Membership No.");

    /** A remark: a known kind (longest first, so "UK Company Number" wins over "Company Number"), a value, a country. */
    private static final Pattern IDENTIFIER = Pattern.compile("^(?:alt\\.\\s+)?(" + alternatives() + ")\\s+(.+?)(?:\\s+\\(([^()]+)\\))?\\.?$");

    private final Countries countries;

    SdnRemarks(Countries countries) {
        this.countries = countries;
    }

    List<String> aliases(String remarks) {
        List<String> aliases = new ArrayList<>();
        Matcher aka = AKA.matcher(remarks);
        while (aka.find()) {
            aliases.add(aka.group(1).trim());
        }
        return aliases;
    }

    List<PartyIdentifier> identifiers(String remarks) {
        List<PartyIdentifier> identifiers = new ArrayList<>();
        for (String remark : remarks.split(";")) {
            Matcher id = IDENTIFIER.matcher(remark.trim());
            if (id.matches() && id.group(2).chars().anyMatch(Character::isDigit)) {
                identifiers.add(PartyIdentifier.newBuilder().setType(id.group(1)).setValue(id.group(2).trim())
                        .setCountry(countries.code(id.group(3))).build());
            }
        }
        return identifiers;
    }

    private static String alternatives() {
        return TRADER_IDS.stream().sorted((a, b) -> b.length() - a.length()).map(Pattern::quote)
                .reduce((a, b) -> a + "|" + b).orElseThrow();
    }
}
