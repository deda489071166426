#include "simulators/g711.h"

namespace sipconf::simulators {
namespace {

constexpr int kUlawBias = 0x84;   // 132: added before the segment search (G.711 µ-law)
constexpr int kUlawClip = 32635;  // largest magnitude that does not overflow with the bias
constexpr int kAlawClip = 32767;

/// Position of the highest set bit of `value` among bits 7..14, as a 0..7 segment number.
int segment_of(int value) {
  int segment = 0;
  for (int v = value >> 8; v != 0 && segment < 7; v >>= 1) ++segment;
  return segment;
}

}  // namespace

std::uint8_t linear_to_ulaw(std::int16_t sample) {
  int value = sample;
  const int sign = value < 0 ? 0x80 : 0;
  if (value < 0) value = -value;
  if (value > kUlawClip) value = kUlawClip;
  value += kUlawBias;
  const int exponent = segment_of(value);
  const int mantissa = (value >> (exponent + 3)) & 0x0F;
  return static_cast<std::uint8_t>(~(sign | (exponent << 4) | mantissa));
}

std::int16_t ulaw_to_linear(std::uint8_t code) {
  const int c = static_cast<std::uint8_t>(~code);
  const int exponent = (c >> 4) & 0x07;
  const int mantissa = c & 0x0F;
  const int magnitude = (((mantissa << 3) + kUlawBias) << exponent) - kUlawBias;
  return static_cast<std::int16_t>((c & 0x80) != 0 ? -magnitude : magnitude);
}

std::uint8_t linear_to_alaw(std::int16_t sample) {
  int value = sample;
  int sign = 0x80;  // A-law sets the bit for positive samples
  if (value < 0) {
    sign = 0;
    value = -value - 1;
  }
  if (value > kAlawClip) value = kAlawClip;
  int code = 0;
  if (value < 256) {
    code = value >> 4;
  } else {
    const int exponent = segment_of(value);
    code = (exponent << 4) | ((value >> (exponent + 3)) & 0x0F);
  }
  return static_cast<std::uint8_t>((sign | code) ^ 0x55);
}

std::int16_t alaw_to_linear(std::uint8_t code) {
  const int c = code ^ 0x55;
  const int exponent = (c >> 4) & 0x07;
  const int mantissa = c & 0x0F;
  int magnitude = (mantissa << 4) + 8;
  if (exponent != 0) magnitude = (magnitude + 0x100) << (exponent - 1);
  return static_cast<std::int16_t>((c & 0x80) != 0 ? magnitude : -magnitude);
}

}  // namespace sipconf::simulators
