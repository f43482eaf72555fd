"""Synthetic live-room frames with ground truth, for developing and scoring the frame checker.

Every frame is a photo scene with room overlays (the four required elements, banners, product
cards, price tags, QR codes), platform chrome, viewer chat and danmaku, stickers that may cover
things, then a real H.264 round trip. The truth is measured from what was drawn (glyph ink
height, contrast against the backing pixels, occluder coverage), never taken from intent.
"""
