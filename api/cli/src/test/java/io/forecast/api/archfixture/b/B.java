package io.forecast.api.archfixture.b;

import io.forecast.api.archfixture.a.A;

/** Test-only fixture for {@code ArchitectureTest}: A and B sit in two packages that import each other. */
public class B {
    A partner;
}
