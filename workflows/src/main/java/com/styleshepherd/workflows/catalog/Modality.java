package com.styleshepherd.workflows.catalog;

/** What of a product a vector describes. */
public enum Modality {
    /** Name, category, colour, brand, description and attributes, through the text model. */
    TEXT,
    /** The product's picture, through the image model. */
    IMAGE
}
