package com.styleshepherd.gpu.sizing;

/** Probabilities over {@link SizeLadder#SIZES} for one person's measurements (NaN where unknown). */
public interface SizeModel {

    double[] probabilities(double weight, double age, double height);

    String name();
}
