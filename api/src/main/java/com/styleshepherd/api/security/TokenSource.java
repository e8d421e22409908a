package com.styleshepherd.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Set;

/**
 * An issuer whose access tokens the api accepts, and how they are verified: its keys, the algorithms it
 * signs with, the audience and lifetime its tokens must have. {@link AccessTokenValidator} picks the
 * source by the token's {@code iss}; the source then checks everything, the issuer included.
 */
interface TokenSource {

    /** The exact {@code iss} of this source's tokens. */
    String issuer();

    /**
     * The token's claims once its signature (with one of this source's algorithms and keys), issuer,
     * audience, expiry and not-before time all hold; throws otherwise.
     */
    JWTClaimsSet verify(SignedJWT token) throws BadJOSEException, JOSEException;

    /** The api's roles this source grants for these (verified) claims. */
    Set<String> roles(JWTClaimsSet claims);
}
